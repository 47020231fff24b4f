package org.marketlink.store.governance;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.marketlink.core.NoSuchEntityException;
import org.marketlink.core.data.Field;
import org.marketlink.core.data.FieldType;
import org.marketlink.core.data.Row;
import org.marketlink.core.data.Schema;
import org.marketlink.core.model.Buyer;
import org.marketlink.core.model.ContactInfo;
import org.marketlink.core.model.MarketData;
import org.marketlink.core.model.Match;
import org.marketlink.core.model.Order;
import org.marketlink.core.model.OrderRating;
import org.marketlink.core.model.OrderReturn;
import org.marketlink.core.model.Product;
import org.marketlink.core.model.Shg;
import org.marketlink.core.pipeline.Pipeline;
import org.marketlink.core.pipeline.RunReport;
import org.marketlink.core.pipeline.Sinks;
import org.marketlink.core.pipeline.Sources;
import org.marketlink.core.pipeline.Stages;
import org.marketlink.quality.history.MetricPoint;
import org.marketlink.store.Backend;
import org.marketlink.store.MarketStore;
import org.marketlink.store.StoreOptions;
import org.marketlink.store.Traces;
import org.marketlink.store.crypto.InMemoryKeyProvider;
import org.marketlink.store.crypto.UnableToDecryptException;
import org.marketlink.store.features.FeatureDefinition;
import org.marketlink.store.features.FeatureSet;
import org.marketlink.store.features.FeatureStore;
import org.marketlink.store.features.TrainingSets;
import org.marketlink.store.quality.JdbcMetricsRepository;
import org.marketlink.store.registry.ModelRegistry;
import org.marketlink.store.registry.PromotionGate;
import org.marketlink.testing.Samples;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GovernanceTest {
    record Seeded(Shg erased, Shg kept, Buyer buyer, Product product) {
    }

    static Seeded seed(MarketStore store) {
        Shg a = Samples.shg("Umoja Weavers");
        Shg b = new Shg(UUID.randomUUID(), "Tumaini Spices", a.location(), "spices", 8, 100, List.of(),
                Map.of(), new ContactInfo("Wanjiru Kamau", "+254711222333",
                "wanjiru@example.org"), Optional.empty(), Samples.T0, Samples.T0);
        store.shgs().upsertAll(List.of(a, b));
        Buyer buyer = Samples.buyer("Gikomba Traders");
        store.buyers().insert(buyer);
        Product pa = Samples.product(a.id(), "Kikoi");
        Product pb = Samples.product(b.id(), "Pilipili");
        store.products().upsertAll(List.of(pa, pb));
        for (Product p : List.of(pa, pb)) {
            store.marketData().upsertAll(List.of(Samples.marketData(p.id(), Samples.T0)));
            store.pricingHistory().upsertAll(List.of(Samples.pricing(p.id(), LocalDate.of(2026, 1, 4))));
            store.forecasts().upsertAll(List.of(Samples.forecast(p.id(), LocalDate.of(2026, 2, 1))));
        }
        store.matches().upsertAll(List.of(Samples.match(a.id(), buyer.id(), pa.id()),
                Samples.match(b.id(), buyer.id(), pb.id())));
        Order first = Samples.order("ORD-1", a.id(), buyer.id(), pa.id());
        Order second = Samples.order("ORD-2", b.id(), buyer.id(), pb.id());
        store.orders().upsertAll(List.of(first, second));
        store.ratings().upsertAll(List.of(new OrderRating(first.id(), 4, Samples.T0),
                new OrderRating(second.id(), 2, Samples.T0)));
        store.returns().upsertAll(List.of(new OrderReturn(first.id(), pa.id(), BigDecimal.ONE, Samples.T0, "DAMAGED"),
                new OrderReturn(second.id(), pb.id(), BigDecimal.ONE, Samples.T0, "LATE")));
        // a training row about each group (with the buyer they share)
        Pipeline.from(Sources.of("outcomes", List.of(a, b))).to(TrainingSets.of(store).sink("shg_buyer_match",
                List.of("members"), g -> Map.of("shg", g.id().toString(), "buyer", buyer.id().toString()),
                g -> Samples.T0, g -> 1, g -> new double[] {g.memberCount()})).run();
        FeatureStore features = FeatureStore.of(store);
        FeatureSet<Shg> set = FeatureSet.of("shg_size", FeatureDefinition.of("members", 1, "shg", "",
                (Shg s) -> s.memberCount()));
        features.materialize(set, List.of(a, b), s -> s.id().toString(), s -> Samples.T0, null);
        // a quarantined row that mentions the group
        // and rows that name it without its key: by its contact's phone, its e-mail, its product's id; and one that
        // names the other group, which must stay
        Pipeline.from(Sources.of("contacts", List.of(a.id() + ",Achieng Otieno,+254700000001",
                        "call +254700000001 about the late delivery", "bounce: achieng@example.org",
                        pa.id() + ",price -3", "call +254711222333 tomorrow")))
                .then("reject", Stages.filter(row -> false, "NOT_WANTED"))
                .to(Sinks.discard()).quarantineTo(store.quarantine().sink()).run();
        // a host's names can carry a subject into the platform's own records: a suite, a run, a model, a schema
        String tag = "shg-" + a.id().toString().toUpperCase(Locale.ROOT);
        new JdbcMetricsRepository(store).save(List.of(new MetricPoint("orders of " + tag, "rowCount",
                Samples.T0, Map.of("group", a.id().toString()), 3, "PASSED")));
        RunReport run = Pipeline.from(Sources.of("prices-" + tag, List.of("x"))).to(Sinks.discard()).run();
        store.lineage().record(run);
        ModelRegistry models = ModelRegistry.of(store, Clock.systemUTC());
        models.register("ranker-" + tag, "shg_size", Map.of("trained_for", a.id().toString()), null,
                Map.of("auc", 0.8), new byte[] {1}, null);
        models.promote("ranker-" + tag, 1, PromotionGate.metricAtLeast("auc", 0.5));
        SchemaRegistry.of(store, SchemaRegistry.Mode.BACKWARD, Clock.systemUTC()).register("feed-" + tag,
                Schema.of(Field.required("id", FieldType.LONG)));
        return new Seeded(a, b, buyer, pa);
    }

    static MarketStore open(Backend backend) {
        return backend.open(StoreOptions.defaults().withKeyProvider(InMemoryKeyProvider.withNewKey("k1")));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void anEraseThatWouldBreakAnotherGroupsOrder_isRefused_andChangesNothing(Backend backend) {
        try (MarketStore store = open(backend)) {
            Seeded s = seed(store);
            // the kept group's order has a line naming the erased group's product
            Order mixed = Samples.order("ORD-MIXED", s.kept().id(), s.buyer().id(), s.product().id());
            store.orders().upsertAll(List.of(mixed));
            SubjectData subjects = new SubjectData(store, Catalog.builtIn());
            long before = store.orders().count();
            assertThatThrownBy(() -> subjects.erase("shg", s.erased().id().toString()))
                    .isInstanceOf(ErasureRefusedException.class).hasMessageContaining("rows of order_lines")
                    .hasMessageContaining("nothing was erased");
            assertThat(store.shgs().findById(s.erased().id())).isPresent();
            assertThat(store.orders().count()).isEqualTo(before);
            assertThat(store.orders().get(mixed.id()).lines()).hasSize(mixed.lines().size());
            // the export is the subject's own data: the other group's order is not in it
            assertThat(subjects.export("shg", s.erased().id().toString())).doesNotContain("ORD-MIXED");
            // once the other order no longer names the product, the erase goes through and spares that order
            Order corrected = Samples.order("ORD-MIXED", s.kept().id(), s.buyer().id(),
                    store.products().findByShg(s.kept().id()).get(0).id());
            store.orders().upsertAll(List.of(corrected));
            subjects.erase("shg", s.erased().id().toString());
            assertThat(store.orders().findByReference("ORD-MIXED")).isPresent();
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void erasingASubjectLeavesNoTraceInAnyTableAndSparesOthers(Backend backend) throws Exception {
        try (MarketStore store = open(backend)) {
            Seeded s = seed(store);
            SubjectData subjects = new SubjectData(store, Catalog.builtIn());
            String exported = subjects.export("shg", s.erased().id().toString());
            assertThat(exported).contains(s.erased().id().toString()).contains("\"shgs\"").contains("\"orders\"")
                    .contains("\"feature_values\"").contains("\"quarantine\"").contains("Achieng Otieno")
                    .doesNotContain(s.kept().id().toString());

            SubjectData.Erasure erasure = subjects.erase("shg", s.erased().id().toString());
            assertThat(erasure.rowsByTable()).containsEntry("order_ratings", 1).containsEntry("order_returns", 1)
                    .containsEntry("training_examples", 1);
            assertThat(store.ratings().count()).isEqualTo(1);
            assertThat(store.returns().count()).isEqualTo(1);
            assertThat(erasure.rowsByTable()).containsKeys("shgs", "products", "orders", "order_lines", "matches",
                    "market_data", "pricing_history", "demand_forecasts", "feature_values", "quarantine");
            List<String> traces = List.of(s.erased().id().toString(), s.product().id().toString(), "Umoja Weavers",
                    "Achieng Otieno", "+254700000001", "achieng@example.org", "ORD-1");
            assertThat(erasure.rowsByTable()).containsKeys("quality_metrics", "lineage", "models", "model_promotions",
                    "schema_versions");
            assertThat(Traces.find(store, traces)).as("traces of the erased group").isEmpty();
            // the erase left a record of itself, with no trace of whom it was about (checked just above)
            Map<String, Object> audit = store.jdbi().withHandle(h -> h.createQuery(
                    "SELECT kind, rows_by_table FROM erasures WHERE id = :id").bind("id", erasure.id())
                    .mapToMap().one());
            assertThat(audit).containsEntry("kind", "shg");
            assertThat(String.valueOf(audit.get("rows_by_table"))).contains("\"shgs\":1").contains("\"quarantine\"");
            // the other group is untouched
            assertThat(store.shgs().findById(s.kept().id())).isPresent();
            assertThat(store.orders().count()).isEqualTo(1);
            assertThat(Traces.find(store, List.of("Tumaini Spices", "ORD-2"))).hasSize(2);
            assertThat(Traces.find(store, List.of("+254711222333"))).as("the other group's quarantined row")
                    .isNotEmpty();

            assertThatThrownBy(() -> subjects.erase("shg", s.erased().id().toString()))
                    .isInstanceOf(NoSuchEntityException.class);
            assertThatThrownBy(() -> subjects.export("shg", UUID.randomUUID().toString()))
                    .isInstanceOf(NoSuchEntityException.class);
            assertThatThrownBy(() -> subjects.erase("farmer", "x")).hasMessageContaining("no data subject of kind "
                    + "'farmer'");
            assertThatThrownBy(() -> subjects.erase("shg", "not-a-uuid")).hasMessageContaining("keys are UUIDs");

            // a buyer: its matches and orders go with it
            subjects.erase("buyer", s.buyer().id().toString());
            assertThat(Traces.find(store, List.of(s.buyer().id().toString(), "Gikomba Traders", "Stall 4"))).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void anErasedSubject_isNotServedFromTheFeatureStoresOnlineCache(Backend backend) {
        try (MarketStore store = open(backend)) {
            Seeded s = seed(store);
            FeatureStore online = FeatureStore.of(store);
            FeatureSet<Shg> set = FeatureSet.of("shg_size", FeatureDefinition.of("members", 1, "shg", "",
                    (Shg g) -> g.memberCount()));
            String id = s.erased().id().toString();
            assertThat(online.latest(set, id)[0]).isEqualTo(s.erased().memberCount()); // now cached
            new SubjectData(store, Catalog.builtIn()).erase("shg", id);
            assertThat(online.latest(set, id)[0]).isNaN();
            assertThat(online.latest(set, s.kept().id().toString())[0]).isEqualTo(s.kept().memberCount());
        }
    }

    @Test
    void aCatalogFile_cannotCarrySql() {
        String where = """
                datasets:
                  - name: customer_orders
                    owner: web-shop
                    subjects:
                      - {kind: customer, where: "1=1 OR :subject = ''", action: DELETE}
                """;
        assertThatThrownBy(() -> Catalog.fromYaml(new ByteArrayInputStream(where.getBytes(StandardCharsets.UTF_8))))
                .hasMessageContaining("cannot carry SQL");
        String expression = """
                datasets:
                  - name: customer_orders
                    owner: web-shop
                    subjects:
                      - {kind: customer, column: customer_id, action: ANONYMISE,
                         anonymise: {email: "(SELECT string_agg(email, ',') FROM customer_orders)"}}
                """;
        assertThatThrownBy(() -> Catalog.fromYaml(new ByteArrayInputStream(expression.getBytes(
                StandardCharsets.UTF_8)))).hasMessageContaining("anonymise.email must be NULL, a quoted string");
        String hostile = """
                datasets:
                  - name: customer_orders
                    owner: web-shop
                    subjects:
                      - {kind: customer, column: "customer_id = customer_id OR 1", action: DELETE}
                """;
        assertThatThrownBy(() -> Catalog.fromYaml(new ByteArrayInputStream(hostile.getBytes(StandardCharsets.UTF_8))))
                .hasMessageContaining("plain lower-case ASCII name");
        String lookAlike = """
                datasets:
                  - name: customer_orders
                    owner: web-shop
                    subjects:
                      - {kind: customer, column: "customer_Key", action: DELETE}
                """;
        assertThatThrownBy(() -> Catalog.fromYaml(new ByteArrayInputStream(lookAlike.getBytes(
                StandardCharsets.UTF_8)))).hasMessageContaining("plain lower-case ASCII name");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aCatalogFileLinksThroughAParentTable_andErasesOnlyTheSubject(Backend backend) throws Exception {
        String yaml = """
                datasets:
                  - name: web_orders
                    owner: web-shop
                    subjects:
                      - {kind: customer, column: customer_id}
                  - name: web_order_lines
                    owner: web-shop
                    subjects:
                      - {kind: customer, column: order_id, via: {table: web_orders, key: id, column: customer_id}}
                """;
        Catalog file = Catalog.fromYaml(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
        // children before parents, as erase works in catalog order
        Catalog catalog = Catalog.builtIn().with(List.of(file.dataset("web_order_lines"), file.dataset("web_orders")));
        try (MarketStore store = open(backend)) {
            store.jdbi().useHandle(h -> {
                h.execute("CREATE TABLE web_orders (id INT PRIMARY KEY, customer_id VARCHAR(20))");
                h.execute("CREATE TABLE web_order_lines (order_id INT, item VARCHAR(20))");
                h.execute("INSERT INTO web_orders VALUES (1, 'C-1'), (2, 'C-2')");
                h.execute("INSERT INTO web_order_lines VALUES (1, 'shawl'), (1, 'mat'), (2, 'honey')");
            });
            SubjectData.Erasure erasure = new SubjectData(store, catalog).erase("customer", "C-1");
            assertThat(erasure.rowsByTable()).containsEntry("web_orders", 1).containsEntry("web_order_lines", 2);
            List<String> left = store.jdbi().withHandle(h -> h.createQuery("SELECT item FROM web_order_lines")
                    .mapTo(String.class).list());
            assertThat(left).containsExactly("honey");
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void erasingByAnUpperCaseKey_leavesNoTraceInEitherCase(Backend backend) throws Exception {
        try (MarketStore store = open(backend)) {
            Seeded s = seed(store);
            String id = s.erased().id().toString();
            // another system wrote the key in upper case into a rejected line
            Pipeline.from(Sources.of("crm", List.of(id.toUpperCase(Locale.ROOT) + ",call back")))
                    .then("reject", Stages.filter((String line) -> false, "crm export"))
                    .to(Sinks.discard()).quarantineTo(store.quarantine().sink()).run();
            SubjectData subjects = new SubjectData(store, Catalog.builtIn());
            SubjectData.Erasure erasure = subjects.erase("shg", id.toUpperCase(Locale.ROOT));
            assertThat(erasure.subject()).isEqualTo(id);
            assertThat(erasure.rowsByTable()).containsKeys("shgs", "quarantine");
            assertThat(Traces.find(store, List.of(id, id.toUpperCase(Locale.ROOT), s.product().id().toString())))
                    .as("traces of the erased group, in either case").isEmpty();
            assertThat(store.shgs().findById(s.kept().id())).isPresent();
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void retentionRemovesExpiredRowsInBatchesAfterADryRun(Backend backend) {
        try (MarketStore store = open(backend)) {
            Shg shg = Samples.shgWithoutBank("Old Market Group");
            store.shgs().insert(shg);
            Product p = Samples.product(shg.id(), "Maize");
            store.products().insert(p);
            Instant now = Instant.parse("2026-06-01T00:00:00Z");
            List<MarketData> rows = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                rows.add(Samples.marketData(p.id(), now.minus(Duration.ofDays(30L * i + 1))));
            }
            store.marketData().upsertAll(rows);
            long expired = rows.stream().filter(r -> r.observedAt().isBefore(now.minus(Duration.ofDays(3 * 365))))
                    .count();
            RetentionJob job = RetentionJob.of(store, Catalog.builtIn(), Clock.fixed(now, ZoneOffset.UTC), 3);
            RetentionJob.Report dry = job.dryRun();
            assertThat(dry.rows()).containsEntry("market_data", expired);
            assertThat(marketDataRows(store)).isEqualTo(60);
            List<Long> progress = new ArrayList<>();
            RetentionJob.Report done = job.apply(null, (dataset, removed) -> {
                if (dataset.equals("market_data")) {
                    progress.add(removed);
                }
            });
            assertThat(done.rows()).containsEntry("market_data", expired);
            assertThat(expired).isGreaterThan(3); // several batches of 3
            // told after every batch, the last time with the total
            assertThat(progress).hasSize((int) (expired / 3 + 1)).isSorted().endsWith(expired);
            assertThat(marketDataRows(store)).isEqualTo(60 - expired);
            assertThat(job.dryRun().total()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aGroupThatNamesItselfInThousandsOfWays_isErasedWhereverAnyOfThemIsMentioned(Backend backend)
            throws Exception {
        try (MarketStore store = open(backend)) {
            Seeded s = seed(store);
            // 700 orders: with their ids and references the group has over 1,400 identifiers
            List<Order> many = new ArrayList<>();
            for (int i = 0; i < 700; i++) {
                many.add(Samples.order(String.format("BULK-ORDER-%04d", i), s.erased().id(), s.buyer().id(),
                        s.product().id()));
            }
            store.orders().upsertAll(many);
            // rejected lines that name the group only by its last order's reference and by an order id in between
            String lastReference = many.get(699).reference();
            String middleId = many.get(350).id().toString().toUpperCase(Locale.ROOT);
            Pipeline.from(Sources.of("late", List.of("complaint about " + lastReference,
                            "refund " + middleId + " please", "BULK-ORDER-07000 is not ours")))
                    .then("reject", Stages.filter(row -> false, "NOT_WANTED"))
                    .to(Sinks.discard()).quarantineTo(store.quarantine().sink()).run();
            SubjectData subjects = new SubjectData(store, Catalog.builtIn());
            assertThat(subjects.export("shg", s.erased().id().toString())).contains("complaint about "
                    + lastReference).contains("refund " + middleId);
            subjects.erase("shg", s.erased().id().toString());
            assertThat(Traces.find(store, List.of(lastReference, middleId, s.erased().id().toString()))).isEmpty();
            // a longer reference that merely starts with one of them is someone else's
            assertThat(Traces.find(store, List.of("BULK-ORDER-07000"))).hasSize(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void erasingABuyer_removesEveryIdentifierOfIt_andEveryOtherSubjectStillReads(Backend backend)
            throws Exception {
        try (MarketStore store = open(backend)) {
            Seeded s = seed(store);
            Buyer other = Samples.buyer("Kariakoo Wholesalers");
            store.buyers().insert(other);
            Order othersOrder = Samples.order("ORD-OTHER", s.kept().id(), other.id(),
                    store.products().findByShg(s.kept().id()).get(0).id());
            store.orders().upsertAll(List.of(othersOrder));
            String buyerId = s.buyer().id().toString();
            // traces that name the buyer without a link: its id in upper case, its name, its place, the delivery
            // address of its orders; and the platform's own records carrying its id
            Pipeline.from(Sources.of("buyer-mail", List.of("invoice for " + buyerId.toUpperCase(Locale.ROOT),
                            "Gikomba Traders asked for a discount", "deliver to Stall 4, Gikomba market",
                            "visit Nairobi CBD on Monday", "Kariakoo Wholesalers asked too")))
                    .then("reject", Stages.filter(row -> false, "NOT_WANTED"))
                    .to(Sinks.discard()).quarantineTo(store.quarantine().sink()).run();
            new JdbcMetricsRepository(store).save(List.of(new MetricPoint("orders of buyer " + buyerId, "rowCount",
                    Samples.T0, Map.of(), 3, "PASSED")));
            store.lineage().record(Pipeline.from(Sources.of("feed-" + buyerId, List.of("x"))).to(Sinks.discard())
                    .run());
            FeatureStore features = FeatureStore.of(store);
            FeatureSet<Buyer> set = FeatureSet.of("buyer_rating", FeatureDefinition.of("rating", 1, "buyer", "",
                    (Buyer b) -> b.rating()));
            features.materialize(set, List.of(s.buyer(), other), b -> b.id().toString(), b -> Samples.T0, null);
            assertThat(features.latest(set, buyerId)[0]).isEqualTo(s.buyer().rating()); // now cached

            SubjectData subjects = new SubjectData(store, Catalog.builtIn());
            subjects.erase("buyer", buyerId);

            assertThat(Traces.find(store, List.of(buyerId, "Gikomba Traders", "ORD-1", "ORD-2")))
                    .as("traces of the erased buyer").isEmpty();
            // the place and the delivery address are the other buyer's too (same sample values): its rows keep
            // them, but every rejected line that named the erased buyer by them is gone
            List<String> rejected = store.jdbi().withHandle(h -> h.createQuery("SELECT raw FROM quarantine")
                    .mapTo(String.class).list());
            assertThat(rejected).noneMatch(r -> r.contains("Stall 4") || r.contains("Nairobi CBD")
                    || r.contains("Gikomba"));
            assertThat(features.latest(set, buyerId)[0]).as("the online cache").isNaN();
            // every other subject still reads, whole
            assertThat(store.buyers().findById(other.id())).isPresent();
            assertThat(store.orders().get(othersOrder.id()).lines()).hasSize(othersOrder.lines().size());
            assertThat(store.shgs().get(s.kept().id()).contact()).isEqualTo(s.kept().contact());
            assertThat(store.shgs().get(s.erased().id()).bankDetails()).isEqualTo(s.erased().bankDetails());
            assertThat(store.products().findByShg(s.erased().id())).hasSize(1);
            assertThat(features.latest(set, other.id().toString())[0]).isEqualTo(other.rating());
            assertThat(Traces.find(store, List.of("Kariakoo Wholesalers asked too"))).hasSize(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void erasingAShortCustomerKey_leavesTheQuarantinedRowsOfLongerKeys(Backend backend) throws Exception {
        try (MarketStore store = open(backend)) {
            Pipeline.from(Sources.of("customers", List.of("1234,Achieng,KE", "12346,Baraka,KE", "91234,Chebet,UG",
                    "5,Dan (was 1234),KE", "1234x,Esther,KE")))
                    .then("reject", Stages.filter(row -> false, "NOT_WANTED"))
                    .to(Sinks.discard()).quarantineTo(store.quarantine().sink()).run();
            SubjectData subjects = new SubjectData(store, Catalog.builtIn());

            String exported = subjects.export("customer", "1234");
            assertThat(exported).contains("Achieng").contains("Dan (was 1234)")
                    .doesNotContain("Baraka").doesNotContain("Chebet").doesNotContain("Esther");
            SubjectData.Erasure erasure = subjects.erase("customer", "1234");
            assertThat(erasure.rowsByTable()).containsExactly(Map.entry("quarantine", 2));
            List<String> left = store.jdbi().withHandle(h -> h.createQuery("SELECT raw FROM quarantine ORDER BY raw")
                    .mapTo(String.class).list());
            assertThat(left).containsExactly("12346,Baraka,KE", "1234x,Esther,KE", "91234,Chebet,UG");
            assertThatThrownBy(() -> subjects.erase("customer", "1234")).isInstanceOf(NoSuchEntityException.class);
        }
    }

    @Test
    void mentions_needTheKeyAsAWholeWord() {
        assertThat(Dataset.SubjectLink.mentions("1234,a", "1234")).isTrue();
        assertThat(Dataset.SubjectLink.mentions("x '1234' y", "1234")).isTrue();
        assertThat(Dataset.SubjectLink.mentions("12345", "1234")).isFalse();
        assertThat(Dataset.SubjectLink.mentions("01234", "1234")).isFalse();
        assertThat(Dataset.SubjectLink.mentions("12345 then 1234", "1234")).isTrue();
        assertThat(Dataset.SubjectLink.mentions(null, "1234")).isFalse();
        assertThatThrownBy(() -> new Dataset.SubjectLink("customer", "x LIKE :subject_like",
                Dataset.EraseAction.DELETE, null, List.of("raw"), List.of()))
                .hasMessageContaining("needs both its text columns and the key columns");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aHostDatasetKeepsItsAggregatesWhenTheCatalogSaysAnonymise(Backend backend) throws Exception {
        String yaml = """
                datasets:
                  - name: customer_orders
                    owner: web-shop
                    columns: [{name: email, pii: true, encrypted: false}]
                    subjects:
                      - kind: customer
                        column: customer_id
                        action: ANONYMISE
                        anonymise: {customer_id: "'erased'", email: "NULL"}
                """;
        Catalog catalog = Catalog.builtIn().with(Catalog.fromYaml(new ByteArrayInputStream(
                yaml.getBytes(StandardCharsets.UTF_8))).datasets());
        try (MarketStore store = open(backend)) {
            store.jdbi().useHandle(h -> {
                h.execute("CREATE TABLE customer_orders (customer_id VARCHAR(50), email VARCHAR(200), amount "
                        + "DOUBLE PRECISION)");
                h.execute("INSERT INTO customer_orders VALUES ('C-17850', 'c17850@example.org', 10.5), "
                        + "('C-17850', 'c17850@example.org', 4.5), ('C-13047', 'c13047@example.org', 7)");
            });
            SubjectData subjects = new SubjectData(store, catalog);
            assertThat(subjects.export("customer", "C-17850")).contains("c17850@example.org");
            SubjectData.Erasure erasure = subjects.erase("customer", "C-17850");
            assertThat(erasure.rowsByTable()).containsEntry("customer_orders", 2);
            assertThat(Traces.find(store, List.of("C-17850", "c17850@example.org"))).isEmpty();
            double total = store.jdbi().withHandle(h -> h.createQuery("SELECT SUM(amount) FROM customer_orders")
                    .mapTo(Double.class).one());
            assertThat(total).isEqualTo(22.0); // the sales still add up
            assertThatThrownBy(() -> subjects.erase("customer", "C-00000")).isInstanceOf(NoSuchEntityException.class);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void archivedRowsReachTheArchiveBeforeTheyAreDeleted(Backend backend) {
        String yaml = """
                datasets:
                  - name: click_log
                    owner: web-shop
                    retention: {period: P30D, time_column: happened_at, action: ARCHIVE}
                """;
        Catalog catalog = Catalog.fromYaml(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
        Instant now = Instant.parse("2026-06-01T00:00:00Z");
        try (MarketStore store = open(backend)) {
            store.jdbi().useHandle(h -> {
                h.execute("CREATE TABLE click_log (id INTEGER, happened_at TIMESTAMP WITH TIME ZONE)");
                for (int i = 0; i < 25; i++) {
                    h.createUpdate("INSERT INTO click_log VALUES (:id, :at)").bind("id", i)
                            .bind("at", OffsetDateTime.ofInstant(now.minus(Duration.ofDays(3L * i)),
                                    ZoneOffset.UTC)).execute();
                }
            });
            RetentionJob job = RetentionJob.of(store, catalog, Clock.fixed(now, ZoneOffset.UTC), 4);
            assertThatThrownBy(() -> job.apply(null)).hasMessageContaining("archives expired rows");
            List<Object> archived = new ArrayList<>();
            RetentionJob.Report report = job.apply((table, rows) -> {
                assertThat(table).isEqualTo("click_log");
                assertThat(rows.size()).isLessThanOrEqualTo(4);
                rows.forEach(r -> archived.add(r.get("id")));
            });
            long expected = IntStream.range(0, 25).filter(i -> 3 * i > 30).count();
            assertThat(report.rows()).containsEntry("click_log", expected);
            assertThat(archived).hasSize((int) expected);
            long left = store.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM click_log")
                    .mapTo(Long.class).one());
            assertThat(left).isEqualTo(25 - expected);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void everyColumnTheCatalogMarksEncryptedIsStoredAsCiphertextWithItsKeyId(Backend backend) throws Exception {
        // the key-id column beside each encrypted column; a column marked encrypted without one fails here
        Map<String, String> keyColumns = Map.of("shgs.bank_details", "bank_key_id");
        List<String> marked = new ArrayList<>();
        for (Dataset d : Catalog.builtIn().datasets()) {
            d.columns().stream().filter(Dataset.Column::encrypted).forEach(c -> marked.add(d.name() + "." + c.name()));
        }
        assertThat(marked).containsExactlyInAnyOrderElementsOf(keyColumns.keySet());
        try (MarketStore store = open(backend)) {
            store.shgs().insert(Samples.shg("Umoja Weavers"));
            for (String column : marked) {
                String table = column.substring(0, column.indexOf('.'));
                String name = column.substring(column.indexOf('.') + 1);
                Map<String, Object> row = store.jdbi().withHandle(h -> h.createQuery("SELECT " + name + " AS v, "
                        + keyColumns.get(column) + " AS k FROM " + table).mapToMap().one());
                assertThat(row.get("k")).isEqualTo("k1");
                assertThat(new String((byte[]) row.get("v"), StandardCharsets.ISO_8859_1))
                        .doesNotContain(Samples.ACCOUNT_NUMBER);
            }
            assertThat(store.shgs().findAll().get(0).bankDetails().orElseThrow().accountNumber())
                    .isEqualTo(Samples.ACCOUNT_NUMBER);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void hostColumnsTheCatalogMarksEncryptedAreSealedByTheTableSink(Backend backend) throws Exception {
        String yaml = """
                datasets:
                  - name: customer_profiles
                    owner: crm
                    columns: [{name: email, pii: true, encrypted: true}]
                """;
        Catalog catalog = Catalog.fromYaml(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
        Schema schema = Schema.of(
                Field.required("customer_id", FieldType.STRING),
                Field.optional("email", FieldType.STRING),
                Field.optional("segment", FieldType.STRING));
        byte[] stored;
        try (MarketStore store = open(backend)) {
            String bytes = store.dialect().migrationPlaceholders().get("bytes");
            store.jdbi().useHandle(h -> h.execute("CREATE TABLE customer_profiles (customer_id VARCHAR(50) PRIMARY "
                    + "KEY, email " + bytes + ", email_key_id VARCHAR(100), segment VARCHAR(20))"));
            var rows = List.of(Row.of(schema, "C-1", "ana@example.org", "gold"),
                    Row.of(schema, "C-2", null, "new"));
            Pipeline.from(Sources.of("profiles", rows)).to(store.tableSink("customer_profiles", schema,
                    List.of("customer_id"), catalog.encryptedColumns("customer_profiles"))).run();
            Map<String, Object> one = store.jdbi().withHandle(h -> h.createQuery("SELECT email, email_key_id FROM "
                    + "customer_profiles WHERE customer_id = 'C-1'").mapToMap().one());
            stored = (byte[]) one.get("email");
            assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("ana@example.org");
            assertThat(one.get("email_key_id")).isEqualTo("k1");
            assertThat(store.decrypt("customer_profiles", "email", "k1", stored)).isEqualTo("ana@example.org");
            assertThat(Traces.find(store, List.of("ana@example.org"))).isEmpty();
            byte[] tampered = stored.clone();
            tampered[tampered.length - 1] ^= 1;
            assertThatThrownBy(() -> store.decrypt("customer_profiles", "email", "k1", tampered))
                    .isInstanceOf(UnableToDecryptException.class);
            assertThatThrownBy(() -> store.decrypt("customer_profiles", "segment", "k1", stored))
                    .isInstanceOf(UnableToDecryptException.class); // bound to its column
            assertThatThrownBy(() -> store.decrypt("customer_profiles", "email", "k0", stored))
                    .isInstanceOf(UnableToDecryptException.class)
                    .hasMessageContaining("no key 'k0'");
            assertThatThrownBy(() -> store.tableSink("customer_profiles", schema, List.of("customer_id"),
                    Set.of("segment"))).hasMessageContaining("needs a column 'segment_key_id'");
        }
    }

    @Test
    void theCatalogDescribesTheMarketplaceAndReadsYaml() {
        Catalog builtIn = Catalog.builtIn();
        assertThat(builtIn.piiColumns()).contains("contact_phone", "contact_email", "bank_details",
                "delivery_address", "latitude", "payment_terms");
        assertThat(builtIn.dataset("shgs").columns()).anyMatch(c -> c.name().equals("bank_details") && c.encrypted());
        assertThat(builtIn.isPii("buyers", "place")).isTrue();
        // the records of the marketplace mark, with @Personal, every built-in PII column they carry (the
        // quarantine's own text is masked as it is made)
        Map<String, Class<? extends Record>> records = Map.of("shgs", Shg.class, "buyers", Buyer.class,
                "orders", Order.class, "matches", Match.class, "products", Product.class);
        records.forEach((table, type) -> {
            Schema recordSchema = Schema.of(type);
            Schema marked = builtIn.markPersonal(table, recordSchema);
            for (int i = 0; i < recordSchema.size(); i++) {
                assertThat(recordSchema.isPersonal(i)).as(table + "." + recordSchema.field(i).name())
                        .isEqualTo(marked.isPersonal(i) || recordSchema.field(i).name().equals("contact"));
            }
        });
        Schema buyersTable = Schema.of(Field.optional("place", FieldType.STRING), Field.optional("name",
                FieldType.STRING));
        assertThat(builtIn.markPersonal("buyers", buyersTable).isPersonal("place")).isTrue();
        assertThat(builtIn.markPersonal("buyers", buyersTable).isPersonal("name")).isFalse();
        assertThatThrownBy(() -> builtIn.dataset("customers")).isInstanceOf(UnknownDatasetException.class)
                .hasMessageContaining("no dataset 'customers'");
        String yaml = """
                datasets:
                  - name: customer_events
                    owner: crm-team
                    description: clicks and orders of web customers
                    source: web shop
                    refresh: hourly
                    retention: {period: P90D, time_column: happened_at, action: ARCHIVE}
                    columns:
                      - {name: web_customer_email, pii: true, encrypted: false}
                    subjects:
                      - {kind: customer, column: customer_id, action: DELETE}
                """;
        Catalog host = Catalog.fromYaml(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
        Dataset d = host.dataset("customer_events");
        assertThat(d.retention().orElseThrow().period()).isEqualTo(Duration.ofDays(90));
        assertThat(d.retention().orElseThrow().action()).isEqualTo(Dataset.RetentionAction.ARCHIVE);
        assertThat(host.isPii("customer_events", "web_customer_email")).isTrue();
        // the catalog marks the fields of a schema it describes; nothing is registered anywhere
        Schema events = Schema.of(Field.optional("webCustomerEmail", FieldType.STRING),
                Field.optional("page", FieldType.STRING));
        Schema marked = host.markPersonal("customer_events", events);
        assertThat(marked.isPersonal("webCustomerEmail")).isTrue();
        assertThat(marked.isPersonal("page")).isFalse();
        assertThat(events.isPersonal("webCustomerEmail")).isFalse();
        assertThat(Row.of(marked, "someone@example.org", "/home").toString()).doesNotContain("someone@example.org");
        assertThat(builtIn.with(host.datasets()).datasets().get(0).name()).isEqualTo("customer_events");
        assertThatThrownBy(() -> Catalog.fromYaml(new ByteArrayInputStream("datasets: [{name: X}]".getBytes(
                StandardCharsets.UTF_8)))).hasMessageContaining("catalog file is not valid");
    }

    static long marketDataRows(MarketStore store) {
        return store.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM market_data").mapTo(Long.class).one());
    }
}
