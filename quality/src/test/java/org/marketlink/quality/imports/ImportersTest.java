package org.marketlink.quality.imports;

import org.junit.jupiter.api.Test;
import org.marketlink.core.data.Field;
import org.marketlink.core.data.FieldType;
import org.marketlink.core.data.Row;
import org.marketlink.core.data.Schema;
import org.marketlink.quality.RuleOutcome;
import org.marketlink.quality.Severity;
import org.marketlink.quality.Suite;
import org.marketlink.quality.SuiteFiles;
import org.marketlink.quality.SuiteResult;
import org.marketlink.quality.rules.References;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Suites written for dbt, SodaCL and Great Expectations (in {@code src/test/resources/imports}, see its README) are
 * read as they are, and their outcomes on a small orders table are what each tool's documentation says the checks
 * mean. The table is built so that every check's answer is known by hand:
 * <ul>
 *   <li>20 rows; {@code order_id} 100..117, null on the last 2;</li>
 *   <li>{@code status} cycles placed, shipped, completed, returned; row 7 is {@code lost};</li>
 *   <li>{@code amount} is 10·i, except row 5 at −5 (row 0 is 0); mean 92.25;</li>
 *   <li>{@code email} null on rows 1–3 (15%), {@code not-an-email} on row 4;</li>
 *   <li>{@code created_at} the newest an hour ago.</li>
 * </ul>
 */
class ImportersTest {
    private static final Schema ORDERS = Schema.of(Field.optional("order_id", FieldType.LONG),
            Field.optional("customer_id", FieldType.LONG), Field.optional("status", FieldType.STRING),
            Field.optional("amount", FieldType.DOUBLE), Field.optional("email", FieldType.STRING),
            Field.optional("created_at", FieldType.TIMESTAMP));
    private static final String[] STATUSES = {"placed", "shipped", "completed", "returned"};

    private static List<Row> orders() {
        List<Row> rows = new ArrayList<>();
        Instant now = Instant.now();
        for (int i = 0; i < 20; i++) {
            rows.add(Row.of(ORDERS, i >= 18 ? null : 100L + i, (long) (i % 5), i == 7 ? "lost" : STATUSES[i % 4],
                    i == 5 ? -5.0 : 10.0 * i, i >= 1 && i <= 3 ? null : i == 4 ? "not-an-email"
                            : "u" + i + "@example.org", now.minus(Duration.ofHours(i + 1))));
        }
        return rows;
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = ImportersTest.class.getResourceAsStream("/imports/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Runs the suite as imported and again after a trip through a MarketLink YAML file: both must agree. */
    private static SuiteResult run(Suite suite) {
        return run(suite, References.none());
    }

    private static SuiteResult run(Suite suite, References references) {
        SuiteResult r = suite.compile(ORDERS).run(orders());
        Suite back = SuiteFiles.readYaml(SuiteFiles.writeYaml(suite), references);
        SuiteResult again = back.compile(ORDERS).run(orders());
        assertThat(again.outcomes()).extracting(RuleOutcome::rule).containsExactlyElementsOf(r.outcomes().stream()
                .map(RuleOutcome::rule).toList());
        for (int i = 0; i < r.outcomes().size(); i++) {
            assertThat(again.outcomes().get(i).getClass()).as(r.outcomes().get(i).rule())
                    .isEqualTo(r.outcomes().get(i).getClass());
        }
        return r;
    }

    private static void passes(SuiteResult r, String rule) {
        assertThat(r.outcome(rule)).as(rule + ": " + r.outcome(rule).message()).isInstanceOf(RuleOutcome.Passed.class);
    }

    private static void fails(SuiteResult r, String rule, Severity severity, long rows) {
        RuleOutcome o = r.outcome(rule);
        assertThat(o).as(rule + ": " + o.message()).isInstanceOf(RuleOutcome.Failed.class);
        RuleOutcome.Failed f = (RuleOutcome.Failed) o;
        assertThat(f.severity()).as(rule).isEqualTo(severity);
        if (rows >= 0) {
            assertThat(f.failingRows()).as(rule).isEqualTo(rows);
        }
    }

    @Test
    void dbtSchemaFile_testsMeanWhatDbtRunsThem() throws IOException {
        ImportResult imported = DbtSchemaFile.read(resource("dbt_schema.yml"));
        assertThat(imported.suites()).extracting(Suite::name).containsExactly("orders", "customers");
        assertThat(imported.suite("customers").rules()).hasSize(2);
        SuiteResult r = run(imported.suite("orders"));
        assertThat(r.outcomes()).hasSize(9);
        passes(r, "unique(order_id)");
        fails(r, "not_null(order_id)", Severity.ERROR, 2);
        fails(r, "accepted_values(status)", Severity.ERROR, 1);
        fails(r, "accepted_range(amount)", Severity.ERROR, 1);
        fails(r, "expect_column_values_to_be_between(amount)", Severity.WARNING, 1);
        // warn_if ">0", error_if ">5": 3 nulls warn and do not error
        fails(r, "not_null(email) [warn]", Severity.WARNING, 3);
        passes(r, "not_null(email) [error]");
        passes(r, "unique_combination_of_columns");
        // where: "status = 'shipped'" keeps rows 1, 5, 9, 13 and 17, of which row 1 has no email
        fails(r, "not_null(email)", Severity.ERROR, 1);
        assertThat(imported.suite("orders").rules().stream().filter(x -> x.name().equals("not_null(email)"))
                .findFirst().orElseThrow().spec().orElseThrow().filter()).isEqualTo("status = 'shipped'");
        assertThat(imported.notImported()).extracting(NotImported::check).containsExactly("relationships");
        assertThat(imported.notImported().get(0).place()).isEqualTo("models[0].columns[2].data_tests[0]");
        assertThat(imported.notImported().get(0).reason()).contains("no keys of 'customers.id' were given");
    }

    @Test
    void dbtRelationships_withTheOtherModelsKeys_failEachChildWithoutAParent() throws IOException {
        // dbt's relationships test: every non-null customer_id is an id of customers; ids 0..3 exist, 4 does not
        References customers = References.of(Map.of("customers.id", Set.of(0L, 1L, 2L, 3L)), List.of());
        ImportResult imported = DbtSchemaFile.read(resource("dbt_schema.yml"), customers);
        assertThat(imported.notImported()).isEmpty();
        SuiteResult r = run(imported.suite("orders"), customers);
        assertThat(r.outcomes()).hasSize(10);
        fails(r, "relationships(customer_id)", Severity.ERROR, 4);
        assertThat(imported.suite("orders").rules().stream().filter(x -> x.name().equals("relationships(customer_id)"))
                .findFirst().orElseThrow().spec().orElseThrow().reference()).isEqualTo("customers.id");
        assertThat(DbtSchemaFile.refName("source('shop', 'customers')")).isEqualTo("shop.customers");
        assertThat(DbtSchemaFile.refName("ref(\"customers\")")).isEqualTo("customers");
        assertThat(DbtSchemaFile.refName("customers")).isEmpty();
    }

    @Test
    void sodaChecksFile_checksMeanWhatSodaScanReports() throws IOException {
        ImportResult imported = SodaChecksFile.read(resource("soda_checks.yml"));
        SuiteResult r = run(imported.suite("orders"));
        assertThat(r.outcomes()).hasSize(16);
        passes(r, "row_count > 0");
        fails(r, "row_count between 10 and 15", Severity.ERROR, 0);
        fails(r, "missing_count(order_id) = 0", Severity.ERROR, 2);
        passes(r, "missing_count(email) < 5");
        fails(r, "missing_percent(email) < 10%", Severity.ERROR, 3);
        passes(r, "duplicate_count(order_id) = 0");
        fails(r, "invalid_count(status) = 0", Severity.ERROR, 1);
        passes(r, "invalid_percent(email) < 10 %");
        fails(r, "invalid_count(amount) = 0", Severity.ERROR, 1);
        passes(r, "freshness(created_at) < 1d");
        fails(r, "min(amount) >= 0", Severity.ERROR, 0);
        passes(r, "max(amount) < 1000");
        passes(r, "Average order value");
        fails(r, "missing_count(email) [warn]", Severity.WARNING, 3);
        passes(r, "missing_count(email) [fail]");
        // filter: status = 'shipped' keeps 5 rows; its name is taken, so it is numbered
        passes(r, "row_count > 0 #2");
        assertThat(r.outcome("row_count > 0 #2").metric()).isEqualTo(5);
        assertThat(imported.notImported()).extracting(NotImported::check).containsExactly("schema",
                "values in (customer_id) must exist in customers (id)");
    }

    @Test
    void expectationSuiteFile_expectationsMeanWhatGreatExpectationsValidates() throws IOException {
        ImportResult imported = ExpectationSuiteFile.read(resource("ge_orders.json"));
        SuiteResult r = run(imported.suite("orders"));
        assertThat(r.outcomes()).hasSize(11);
        passes(r, "expect_table_row_count_to_be_between");
        passes(r, "expect_column_to_exist(order_id)");
        fails(r, "expect_column_to_exist(discount)", Severity.ERROR, 0);
        fails(r, "expect_column_values_to_not_be_null(order_id)", Severity.ERROR, 2);
        passes(r, "expect_column_values_to_not_be_null(email)");
        passes(r, "expect_column_values_to_be_unique(order_id)");
        passes(r, "expect_column_values_to_be_in_set(status)");
        // strict_min: 0 fails as -5 does
        fails(r, "expect_column_values_to_be_between(amount)", Severity.ERROR, 2);
        // regex is searched for, as re.search does: only the value without '@' fails
        fails(r, "expect_column_values_to_match_regex(email)", Severity.ERROR, 1);
        passes(r, "expect_column_mean_to_be_between(amount)");
        // the pandas row_condition "amount>0" becomes the rule's filter
        passes(r, "expect_column_values_to_not_be_null(status)");
        assertThat(imported.suite("orders").rules().stream().filter(x -> x.name()
                .equals("expect_column_values_to_not_be_null(status)")).findFirst().orElseThrow().spec()
                .orElseThrow().filter()).isEqualTo("amount > 0");
        assertThat(imported.notImported()).extracting(NotImported::check).containsExactly(
                "expect_column_values_to_be_dateutil_parseable");
    }

    @Test
    void expectationSuiteFile_readsThe1xFormWithItsSeverity() {
        ImportResult imported = ExpectationSuiteFile.read("""
                {"name": "orders", "expectations": [
                  {"type": "expect_column_values_to_not_be_null", "kwargs": {"column": "order_id"},
                   "severity": "warning"},
                  {"type": "expect_column_max_to_be_between", "kwargs": {"column": "amount", "max_value": 190,
                   "strict_max": true}, "severity": "critical"},
                  {"type": "expect_column_values_to_be_between", "kwargs": {"column": "created_at",
                   "min_value": "2000-01-01", "max_value": "2000-12-31T00:00:00Z", "mostly": 0.5}}]}
                """);
        SuiteResult r = run(imported.suite("orders"));
        fails(r, "expect_column_values_to_not_be_null(order_id)", Severity.WARNING, 2);
        fails(r, "expect_column_max_to_be_between(amount)", Severity.ERROR, 0);
        // dates written as text become a timeBetween rule: every order is from the last day, none from 2000
        fails(r, "expect_column_values_to_be_between(created_at)", Severity.ERROR, 20);
        assertThat(imported.notImported()).isEmpty();
    }

    @Test
    void thresholdsAreReadExactly() {
        ImportResult imported = SodaChecksFile.read("""
                checks for orders:
                  - missing_count(email) <= 3
                  - missing_count(email) < 3
                  - row_count >= 20
                  - row_count > 20
                  - row_count:
                      warn: when < 25
                  - avg(amount) > 92.25
                  - avg(amount) <= 92.25
                  - missing_count(email) > 1
                  - row_count != 3
                """);
        SuiteResult r = run(imported.suite("orders"));
        passes(r, "missing_count(email) <= 3");
        fails(r, "missing_count(email) < 3", Severity.ERROR, 3);
        passes(r, "row_count >= 20");
        fails(r, "row_count > 20", Severity.ERROR, 0);
        fails(r, "row_count [warn]", Severity.WARNING, 0);
        fails(r, "avg(amount) > 92.25", Severity.ERROR, 0);
        passes(r, "avg(amount) <= 92.25");
        assertThat(imported.notImported()).extracting(NotImported::check).containsExactly(
                "missing_count(email) > 1", "row_count != 3");
    }

    @Test
    void badFiles_areRefusedWithWhereTheyAreWrong() {
        assertThatThrownBy(() -> ExpectationSuiteFile.read("{\"expectations\": []}"))
                .hasMessage("expectation_suite_name: missing");
        assertThatThrownBy(() -> ExpectationSuiteFile.read("[1, 2"))
                .hasMessageStartingWith("not a JSON expectation suite");
        assertThatThrownBy(() -> SodaChecksFile.read("checks for orders: row_count > 0"))
                .hasMessage("checks for orders: not a list of checks");
        ImportResult wrongColumn = SodaChecksFile.read("""
                checks for orders:
                  - missing_count(a, b) = 0
                  - invalid_count(email) = 0:
                      valid format: phone number
                """);
        assertThat(wrongColumn.suite("orders").rules()).isEmpty();
        assertThat(wrongColumn.notImported()).extracting(NotImported::reason).containsExactly(
                "missing_count takes one column, had [a, b]",
                "valid format 'phone number' is none of [date iso 8601, decimal, email, integer, positive integer, "
                        + "uuid]");
    }

    @Test
    void greatExpectationsRowConditions_translateWherePandasAndSqlMeanTheSame() {
        assertThat(Filters.fromGreatExpectations("amount>0", "pandas")).isEqualTo("amount > 0");
        assertThat(Filters.fromGreatExpectations("amount >= -2.5e1 & status==\"shipped\"", "pandas"))
                .isEqualTo("amount >= -2.5e1 AND status = 'shipped'");
        assertThat(Filters.fromGreatExpectations("(a<1) | (b>2)", "pandas")).isEqualTo("(a < 1) OR (b > 2)");
        assertThat(Filters.fromGreatExpectations("s == \"a (  b )\"", "pandas")).isEqualTo("s = 'a (  b )'");
        assertThat(Filters.fromGreatExpectations("col(\"status\")==\"o'k\"", "spark")).isEqualTo("status = 'o''k'");
        // pandas keeps a missing value for !=; SQL's <> would drop it
        assertThat(Filters.fromGreatExpectations("status!=\"lost\" & amount>1", "pandas"))
                .isEqualTo("(status <> 'lost' OR status IS NULL) AND amount > 1");
        for (String refused : List.of("~(amount>0)", "status.isnull()", "amount*2>1", "a and b", "len(s)>1")) {
            assertThatThrownBy(() -> Filters.fromGreatExpectations(refused, "pandas")).as(refused)
                    .isInstanceOf(NotMapped.class);
        }
        assertThatThrownBy(() -> Filters.fromGreatExpectations("a>1", "python")).isInstanceOf(NotMapped.class)
                .hasMessageContaining("condition_parser");
    }

    @Test
    void aGreatExpectationsRowCondition_judgesOnlyTheRowsItKeeps() {
        // status must be present among rows with amount > 100: rows 11..17 (amount 110..170), all with a status
        // but row 7 ("lost" is still a status); the email check among shipped rows, as pandas would keep them
        String suite = """
                {"expectation_suite_name": "orders", "expectations": [
                  {"expectation_type": "expect_column_values_to_not_be_null",
                   "kwargs": {"column": "email", "row_condition": "amount>100", "condition_parser": "pandas"}},
                  {"expectation_type": "expect_column_values_to_not_be_null",
                   "kwargs": {"column": "email", "row_condition": "status!=\\"shipped\\"",
                              "condition_parser": "pandas"}}]}
                """;
        ImportResult imported = ExpectationSuiteFile.read(suite);
        assertThat(imported.notImported()).isEmpty();
        SuiteResult r = run(imported.suite("orders"));
        // emails are missing on rows 1-3; amount > 100 keeps rows 11-19 (amount 110..190): none missing
        assertThat(r.outcomes().get(0)).isInstanceOf(RuleOutcome.Passed.class);
        // status != shipped keeps 15 of 20 rows, among them rows 2 and 3 (row 1 is shipped): 2 fail
        RuleOutcome.Failed f = (RuleOutcome.Failed) r.outcomes().get(1);
        assertThat(f.failingRows()).isEqualTo(2);
    }
}
