package org.marketlink.store;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.marketlink.core.data.Field;
import org.marketlink.core.data.FieldType;
import org.marketlink.core.data.Json;
import org.marketlink.core.data.Row;
import org.marketlink.core.data.Schema;
import org.marketlink.core.io.CsvOptions;
import org.marketlink.core.io.CsvSource;
import org.marketlink.core.io.JsonLinesSink;
import org.marketlink.core.model.BankDetails;
import org.marketlink.core.model.Buyer;
import org.marketlink.core.model.ContactInfo;
import org.marketlink.core.model.Location;
import org.marketlink.core.model.Match;
import org.marketlink.core.model.Order;
import org.marketlink.core.model.OrderLine;
import org.marketlink.core.model.OrderStatus;
import org.marketlink.core.model.PaymentStatus;
import org.marketlink.core.model.Product;
import org.marketlink.core.model.Shg;
import org.marketlink.core.pipeline.Pipeline;
import org.marketlink.core.pipeline.Rejection;
import org.marketlink.core.pipeline.RunOptions;
import org.marketlink.core.pipeline.RunReport;
import org.marketlink.core.pipeline.Sinks;
import org.marketlink.core.pipeline.Stages;
import org.marketlink.quality.Suite;
import org.marketlink.quality.SuiteResult;
import org.marketlink.quality.report.HtmlReport;
import org.marketlink.quality.rules.Rules;
import org.marketlink.store.crypto.InMemoryKeyProvider;
import org.marketlink.store.governance.Catalog;
import org.marketlink.store.quality.SqlPushdown;
import org.marketlink.testing.Samples;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Canaries: unique strings in every personal field (a group's contact and bank account, an order's delivery address
 * and feedback, a match's first message, a host table's personal columns, a database password) go through failing
 * pipelines, a failing sink, failing inserts, a failing suite and its report, every {@code toString}, JSON output and
 * a failing connection, on H2 and PostgreSQL. Then everything the library printed, logged or threw, every file it
 * wrote and every text column of every table are searched: a canary may appear only in the columns that are meant
 * to hold it (the catalog's personal columns of the marketplace tables and the host table's own personal columns),
 * never in logs, messages, reports, files, the quarantine, lineage or metrics, and the bank account only encrypted.
 */
class PersonalDataCanaryTest {
    private static final String PERSON = "Canary Person Qx7";
    private static final String PHONE = "+254-7c4n4ry-01";
    private static final String EMAIL = "canary.qx7@example.org";
    private static final String ACCOUNT = "CANARYACCT9911";
    private static final String HOLDER = "Canary Holder Zw3";
    private static final String ADDRESS = "Canary Lane 77 Kibera";
    private static final String FEEDBACK = "canary feedback zq1";
    private static final String MESSAGE = "canary hello zq2";
    private static final String PASSWORD = "canary-pw-5511";
    private static final String HOST_NAME = "Canary Hostname Rk4";
    private static final String HOST_PHONE = "0700c4n4ry99";
    private static final List<String> CANARIES = List.of(PERSON, PHONE, EMAIL, ACCOUNT, HOLDER, ADDRESS, FEEDBACK,
            MESSAGE, PASSWORD, HOST_NAME, HOST_PHONE);

    /** The host's own table: its personal columns are where its canaries are meant to be. */
    private static final Schema CONTACTS = Schema.of(Field.required("id", FieldType.LONG),
            Field.required("name", FieldType.STRING), Field.required("phone", FieldType.STRING),
            Field.required("qty", FieldType.LONG)).withPersonal("name", "phone");

    /** Columns meant to hold a canary (table.column, lower case): the catalog's personal columns, the host's. */
    private static Set<String> intendedColumns() {
        Set<String> intended = new HashSet<>();
        Catalog catalog = Catalog.builtIn();
        catalog.datasets().forEach(d -> d.columns().stream().filter(c -> c.pii() && !c.encrypted())
                // quarantined rows are masked before they are stored: a canary there is a leak
                .filter(c -> !d.name().equals("quarantine"))
                .forEach(c -> intended.add(d.name() + "." + c.name())));
        intended.add("host_contacts.name");
        intended.add("host_contacts.phone");
        return intended;
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void noCanaryLeavesTheColumnsMeantForIt(Backend backend, @TempDir Path dir) throws Exception {
        StringBuilder printed = new StringBuilder();
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream err = System.err;
        PrintStream out = System.out;
        PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
        MarketStore store = backend.open(StoreOptions.defaults().withKeyProvider(InMemoryKeyProvider.withNewKey("k1")));
        try {
            System.setErr(capture);
            System.setOut(capture);
            marketplaceRecords(store, printed);
            hostPipeline(store, dir, printed);
            suiteAndReport(store, printed);
            connectionWithAPassword(printed);
        } finally {
            System.setErr(err);
            System.setOut(out);
        }
        try {
            // the embedded PostgreSQL server's own log, relayed by the test's server runner, is the database's (a
            // host sets log_error_verbosity and log_min_error_statement on its server): not the library's output
            String logs = captured.toString(StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.contains("io.zonky.test.db.postgres")).collect(Collectors.joining("\n"));
            assertThat(logs).as("the run logged something to search").isNotEmpty();
            String everything = (printed + "\n" + logs).toLowerCase(Locale.ROOT);
            for (String canary : CANARIES) {
                assertThat(everything).as("'%s' printed, logged, thrown or reported", canary)
                        .doesNotContain(canary.toLowerCase(Locale.ROOT));
            }
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : files.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString()
                        .equals("contacts.csv")).toList()) {
                    String text = Files.readString(f, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
                    for (String canary : CANARIES) {
                        assertThat(text).as("'%s' in the written file %s", canary, f.getFileName())
                                .doesNotContain(canary.toLowerCase(Locale.ROOT));
                    }
                }
            }
            Set<String> intended = intendedColumns();
            List<String> leaks = new ArrayList<>();
            List<String> present = new ArrayList<>();
            for (String trace : Traces.find(store, CANARIES)) {
                // "<schema>.<table>.<column> holds <canary>"
                String where = trace.substring(0, trace.indexOf(" holds ")).toLowerCase(Locale.ROOT);
                String tableColumn = where.substring(where.indexOf('.') + 1);
                (intended.contains(tableColumn) ? present : leaks).add(trace);
            }
            assertThat(leaks).as("canaries outside the columns meant for them").isEmpty();
            // the search can find them: the data itself is where it belongs
            assertThat(String.join("\n", present)).contains("shgs.contact_person holds " + PERSON)
                    .contains("orders.delivery_address holds " + ADDRESS).contains("host_contacts.name holds "
                            + HOST_NAME);
        } finally {
            store.close();
        }
    }

    /** Groups, buyers, products, orders and matches with canaries; failing inserts; every toString and JSON. */
    private static void marketplaceRecords(MarketStore store, StringBuilder printed) {
        Shg shg = new Shg(UUID.randomUUID(), "Umoja Canary-free Group", Location.of("Kibera", "Nairobi", "KE", null),
                "handloom", 12, 400, List.of("organic"), Map.of(), new ContactInfo(PERSON, PHONE, EMAIL),
                Optional.of(new BankDetails(HOLDER, ACCOUNT, "KCBLKENX")), Samples.T0, Samples.T0);
        store.shgs().insert(shg);
        Buyer buyer = Samples.buyer("Nairobi Grocers");
        store.buyers().insert(buyer);
        Product product = Samples.product(shg.id(), "Woven basket");
        store.products().insert(product);
        List<OrderLine> lines = List.of(new OrderLine(product.id(), new BigDecimal("2"), new BigDecimal("450.00")));
        Order order = new Order(UUID.randomUUID(), "ORD-1", shg.id(), buyer.id(), lines, new BigDecimal("900.00"),
                Samples.T0, Optional.of(LocalDate.of(2026, 1, 12)), OrderStatus.DELIVERED, PaymentStatus.PENDING,
                ADDRESS, Optional.of(FEEDBACK));
        store.orders().insert(order);
        Match match = Match.pending(UUID.randomUUID(), shg.id(), buyer.id(), product.id(), 0.8, MESSAGE, Samples.T0);
        store.matches().insert(match);
        for (Object o : List.of(shg, shg.contact(), shg.bankDetails().orElseThrow(), order, match,
                store.shgs().get(shg.id()), store.orders().get(order.id()))) {
            printed.append(o).append('\n');
        }
        // JSON of a group never carries its bank details (its contact is its data: not searched for here)
        assertThat(Json.write(shg)).doesNotContain(ACCOUNT).doesNotContain(HOLDER);
        // inserting the same records again fails: the errors name ids, never values
        for (Runnable again : List.<Runnable>of(() -> store.shgs().insert(shg), () -> store.orders().insert(order),
                () -> store.matches().insert(match))) {
            String failure = thrown(again);
            // still useful: what failed, the kind of violation and its SQLState
            assertThat(failure).contains("duplicate key").contains("SQLState 23505");
            printed.append(failure).append('\n');
        }
    }

    /** A host file with canaries through refusing, throwing and failing stages into a table whose CHECK fails. */
    private static void hostPipeline(MarketStore store, Path dir, StringBuilder printed) throws IOException {
        store.jdbi().useHandle(h -> h.execute("CREATE TABLE host_contacts (id BIGINT PRIMARY KEY, name TEXT NOT NULL, "
                + "phone TEXT NOT NULL, qty BIGINT NOT NULL CHECK (qty < 1000))"));
        StringBuilder csv = new StringBuilder("id,name,phone,qty\n");
        for (int i = 1; i <= 40; i++) {
            String qty = switch (i % 10) {
                case 3 -> "-5";                     // refused by a stage
                case 5 -> "777";                    // a stage throws, quoting the row
                case 7 -> "not-a-number";           // does not parse
                default -> String.valueOf(i);
            };
            csv.append(i).append(',').append(HOST_NAME).append(' ').append(i).append(',').append(HOST_PHONE)
                    .append(i).append(',').append(qty).append(i == 36 ? ",ragged" : "").append('\n');
        }
        // the last chunk holds a row the table's CHECK refuses: the sink fails for good on it
        csv.append("41,").append(HOST_NAME).append(",").append(HOST_PHONE).append(",5000\n");
        Path file = Files.writeString(dir.resolve("contacts.csv"), csv);
        Pipeline.Plan<Row> plan = Pipeline.from(CsvSource.of(file, CONTACTS, CsvOptions.defaults()))
                .then("positive", Stages.filter((Row r) -> r.getLong(3) >= 0, "qty must not be negative"))
                .then("ship", Stages.map((Row r) -> {
                    if (r.getLong(3) == 777) {
                        throw new IllegalStateException("cannot ship to " + r.getString(1) + " at " + r.getString(2));
                    }
                    return r;
                }))
                .to(store.tableSink("host_contacts", CONTACTS, List.of("id"))).quarantineTo(store.quarantine().sink());
        String failure = thrown(() -> plan.run(RunOptions.defaults().withChunkSize(10)
                .withRetries(2, Duration.ofMillis(1))));
        assertThat(failure).contains("chunk 4").contains("a check constraint failed").containsPattern("SQLState 2351[34]");
        printed.append(failure).append('\n');
        // the same file again, rejections to a quarantine file (searched below) and to the store: report, rejections
        try (JsonLinesSink.Quarantine rejected = JsonLinesSink.quarantine(dir.resolve("rejected.jsonl"))) {
            for (var quarantine : List.of(rejected, store.quarantine().sink())) {
                RunReport report = Pipeline.from(CsvSource.of(file, CONTACTS, CsvOptions.defaults()))
                        .then("small", Stages.filter((Row r) -> r.getLong(3) < 1000, "too many"))
                        .to(Sinks.discard()).quarantineTo(quarantine).run(RunOptions.defaults().withChunkSize(10));
                assertThat(report.quarantined()).isEqualTo(6);
                printed.append(report).append(report.toJson()).append('\n');
                for (Rejection r : store.quarantine().find(report.runId())) {
                    printed.append(r).append(r.message()).append(r.raw()).append('\n');
                }
            }
        }
    }

    /** A failing suite over the host table, in memory and in SQL, and its HTML report. */
    private static void suiteAndReport(MarketStore store, StringBuilder printed) {
        List<Row> rows = List.of(Row.of(CONTACTS, 1L, HOST_NAME, HOST_PHONE, 1L),
                Row.of(CONTACTS, 2L, HOST_NAME, HOST_PHONE + "x", -1L));
        Suite suite = Suite.of("contacts", Rules.unique("name"), Rules.matches("phone", "[0-9]+"),
                Rules.nonNegative("qty"));
        SuiteResult inMemory = suite.compile(CONTACTS).run(rows);
        SuiteResult inSql = SqlPushdown.run(Suite.of("contacts", Rules.unique("name"), Rules.nonNegative("qty")),
                store, "host_contacts");
        assertThat(inMemory.status()).isEqualTo(SuiteResult.Status.ERROR);
        for (SuiteResult r : List.of(inMemory, inSql)) {
            printed.append(r).append(r.toJson()).append(HtmlReport.render(r, Map.of(), Instant.EPOCH)).append('\n');
        }
    }

    /** A password never shows: not in the options, not in the error of a connection that fails. */
    private static void connectionWithAPassword(StringBuilder printed) {
        ConnectionOptions options = ConnectionOptions.of("jdbc:postgresql://127.0.0.1:1/nowhere?password=" + PASSWORD,
                "canary_user", PASSWORD).withPoolSize(1);
        printed.append(options).append('\n');
        printed.append(thrown(() -> MarketStore.connect(options).close())).append('\n');
    }

    /** Everything a failure shows: each throwable's toString down the cause chain, and what is suppressed. */
    private static String thrown(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            StringBuilder all = new StringBuilder();
            for (Throwable t = e; t != null; t = t.getCause()) {
                all.append(t).append('\n');
                for (Throwable s : t.getSuppressed()) {
                    all.append(s).append('\n');
                }
            }
            return all.toString();
        }
        throw new AssertionError("expected a failure");
    }
}
