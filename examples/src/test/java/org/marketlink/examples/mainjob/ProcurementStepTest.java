package org.marketlink.examples.mainjob;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marketlink.core.io.CsvOptions;
import org.marketlink.core.io.CsvSource;
import org.marketlink.core.model.Buyer;
import org.marketlink.core.model.BuyerType;
import org.marketlink.core.model.Order;
import org.marketlink.core.model.Product;
import org.marketlink.core.pipeline.Rejection;
import org.marketlink.core.pipeline.RunReport;
import org.marketlink.core.pipeline.Sinks;
import org.marketlink.examples.data.Fixtures;
import org.marketlink.store.MarketStore;
import org.marketlink.testing.MarketFixtures;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class ProcurementStepTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 25);

    @Test
    void everyAwardIsAnOrderOrQuarantinedForWhatIsWrongWithIt(@TempDir Path dir) throws Exception {
        MarketFixtures f = MarketFixtures.generate(5, MarketFixtures.Options.defaults().withSize(30, 60)
                .withDirtyShare(0.1));
        try (MarketStore store = MarketStore.inMemory()) {
            Fixtures.write(f, store);
            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            ProcurementStep.Result r = ProcurementStep.run(store, f, TODAY, dir,
                    new PrintStream(printed, true, StandardCharsets.UTF_8));
            MarketFixtures.DirtyRows awards = f.procurementAwards();
            assertThat(r.file().getFileName().toString()).contains("SYNTHETIC");
            assertThat(Files.readString(r.file())).isEqualTo(awards.csv());
            RunReport run = r.run();
            assertThat(run.balanced()).isTrue();
            assertThat(run.rowsIn()).isEqualTo(f.products().size());
            // each kind of dirt in the file lands under its own reason, and nothing else is quarantined
            Map<String, Long> expected = new TreeMap<>();
            awards.dirt().values().forEach(d -> expected.merge(switch (d) {
                case NEGATIVE_PRICE -> "BAD_PRICE";
                case UNPARSEABLE_DATE -> "PARSE_ERROR";
                case MISSING_PRODUCT -> "MISSING_PRODUCT";
                case DUPLICATE -> "DUPLICATE";
            }, 1L, Long::sum));
            assertThat(expected).isNotEmpty();
            assertThat(r.reasons()).isEqualTo(expected);
            List<Order> stored = store.jdbi().withHandle(h -> h.createQuery("SELECT reference FROM orders WHERE "
                    + "reference LIKE 'TENDER-%'").mapTo(String.class).list()).stream()
                    .map(ref -> store.orders().findByReference(ref).orElseThrow()).toList();
            assertThat(stored).hasSize((int) run.rowsOut());
            assertThat(run.rowsOut()).isEqualTo(f.products().size() - awards.dirt().size());
            assertThat(stored).allMatch(o -> store.buyers().get(o.buyerId()).type() == BuyerType.GOVERNMENT
                    && store.products().get(o.lines().get(0).productId()).shgId().equals(o.shgId()));
            // each quarantined row keeps its raw text and names the tender
            for (Rejection q : store.quarantine().find(run.runId())) {
                assertThat(q.raw()).contains("synthetic");
            }
            assertThat(printed.toString(StandardCharsets.UTF_8)).contains("(synthetic, schema v1)");

            // the same extract again: the same orders, not new ones
            long orders = store.orders().count();
            ProcurementStep.run(store, f, TODAY, dir, new PrintStream(new ByteArrayOutputStream(), true,
                    StandardCharsets.UTF_8));
            assertThat(store.orders().count()).isEqualTo(orders);
        }
    }

    @Test
    void anAwardToABuyerThatIsNoAgencyOrForAnotherGroupsProductIsRefused(@TempDir Path dir) throws Exception {
        MarketFixtures f = MarketFixtures.generate(5, MarketFixtures.Options.defaults().withSize(30, 60));
        try (MarketStore store = MarketStore.inMemory()) {
            Fixtures.write(f, store);
            Buyer agency = f.buyers().stream().filter(b -> b.type() == BuyerType.GOVERNMENT).findFirst().orElseThrow();
            Buyer retailer = f.buyers().stream().filter(b -> b.type() == BuyerType.RETAILER).findFirst().orElseThrow();
            Product p = f.products().get(0);
            Product other = f.products().stream().filter(x -> !x.shgId().equals(p.shgId())).findFirst().orElseThrow();
            String header = "tender_id,awarded_on,agency_id,agency,supplier_group_id,product_id,item,quantity,"
                    + "unit_price,delivery_by,data_origin\n";
            Path file = dir.resolve("awards.csv");
            Files.writeString(file, header
                    + "T-1,2026-11-01," + agency.id() + ",Agency," + p.shgId() + "," + p.id() + ",x,10,5.00,2026-11-20,synthetic\n"
                    + "T-2,2026-11-01," + retailer.id() + ",Shop," + p.shgId() + "," + p.id() + ",x,10,5.00,2026-11-20,synthetic\n"
                    + "T-3,2026-11-01," + agency.id() + ",Agency," + p.shgId() + "," + other.id() + ",x,10,5.00,2026-11-20,synthetic\n"
                    + "T-4,2026-11-01," + agency.id() + ",Agency," + p.shgId() + ",not-a-uuid,x,10,5.00,2026-11-20,synthetic\n"
                    // odd numbers: each its own quarantined row, none a failed write that stops the run
                    + "T-5,2026-11-01," + agency.id() + ",Agency," + p.shgId() + "," + p.id() + ",x,1e12,5.00,2026-11-20,synthetic\n"
                    + "T-6,2026-11-01," + agency.id() + ",Agency," + p.shgId() + "," + p.id() + ",x,0.0001,5.00,2026-11-20,synthetic\n"
                    + "T-7,2026-11-01," + agency.id() + ",Agency," + p.shgId() + "," + p.id() + ",x,-3,5.00,2026-11-20,synthetic\n"
                    + "T-8,2026-11-01," + agency.id() + ",Agency," + p.shgId() + "," + p.id() + ",x,10,12.345,2026-11-20,synthetic\n"
                    + "T-9,2026-11-01," + agency.id() + ",Agency," + p.shgId() + "," + p.id() + ",x,10,1E+30,2026-11-20,synthetic\n"
                    + "T-10,2026-11-01," + agency.id() + ",Agency," + p.shgId() + "," + p.id() + ",x,90000000000,9000.00,2026-11-20,synthetic\n");
            Sinks.ListSink<Order> orders = Sinks.list();
            Sinks.ListQuarantine quarantine = Sinks.quarantineList();
            RunReport run = ProcurementStep.awards(CsvSource.of(file, ProcurementStep.SCHEMA, CsvOptions.defaults()),
                    store).to(orders).quarantineTo(quarantine).run();
            assertThat(run.balanced()).isTrue();
            assertThat(orders.rows()).extracting(Order::reference).containsExactly("TENDER-T-1");
            assertThat(quarantine.rejections()).extracting(Rejection::reasonCode)
                    .containsExactly("UNKNOWN_AGENCY", "UNKNOWN_PRODUCT", "UNKNOWN_PRODUCT", "BAD_QUANTITY",
                            "BAD_QUANTITY", "BAD_QUANTITY", "BAD_PRICE", "BAD_PRICE", "BAD_QUANTITY");
            // the rows that pass are the ones the store takes: written, the run does not stop
            store.orders().upsertAll(orders.rows());
        }
    }
}
