package org.marketlink.core.data;

import com.example.host.HostEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.marketlink.core.model.Product;
import org.marketlink.core.model.Shg;
import org.marketlink.core.testsupport.Samples;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A host's default mapper with {@link MarketLinkModule} writes every domain record as the library does and reads
 * what the library writes, while the host's own classes keep the host's naming and formats.
 */
class MarketLinkModuleTest {
    private static final ObjectMapper HOST = new ObjectMapper().registerModule(new MarketLinkModule());

    private static List<Object> everyRecord() {
        UUID id = UUID.randomUUID();
        return List.of(Samples.shg("Umoja"), Samples.shgWithoutBank("Tumaini"), Samples.product(id, "Shawl"),
                Samples.buyer("Gikomba Traders"), Samples.match(id, id, id), Samples.match(id, id, null),
                Samples.order("INV-1", id, id, id), Samples.marketData(id, Samples.T0),
                Samples.pricing(id, LocalDate.of(2026, 1, 3)), Samples.forecast(id, LocalDate.of(2026, 2, 1)));
    }

    @Test
    void aDefaultHostMapper_writesEveryRecordAsTheLibraryDoes_andReadsItBack() throws Exception {
        for (Object value : everyRecord()) {
            String library = Json.write(value);
            assertThat(HOST.writeValueAsString(value)).isEqualTo(library);
            Object back = HOST.readValue(library, value.getClass());
            if (value instanceof Shg shg && shg.bankDetails().isPresent()) {
                // bank details are never written inside a record, by the library or through the module
                assertThat(back).usingRecursiveComparison().ignoringFields("bankDetails").isEqualTo(value);
            } else {
                assertThat(back).isEqualTo(value);
            }
        }
    }

    @Test
    void withoutTheModule_aDefaultMapperCannotReadTheLibrarysJson() {
        ObjectMapper plain = new ObjectMapper().findAndRegisterModules();
        String json = Json.write(Samples.product(UUID.randomUUID(), "Shawl"));
        assertThatThrownBy(() -> plain.readValue(json, Product.class)).isInstanceOf(Exception.class);
    }

    @Test
    void theHostsOwnClasses_keepTheHostsNamingAndFormats() throws Exception {
        HostEvent e = new HostEvent("s-1", Instant.parse("2026-01-05T08:30:00Z"), Optional.empty());
        String json = HOST.writeValueAsString(e);
        assertThat(json).contains("\"shgId\":\"s-1\"").doesNotContain("shg_id").contains("\"seenAt\":1767601800");
    }

    @Test
    void decimalsInRecords_areBoundedAsTheLibraryBoundsThem() {
        String json = Json.write(Samples.product(UUID.randomUUID(), "Shawl"))
                .replace("\"unit_price\":450.00", "\"unit_price\":1E+999999999");
        assertThatThrownBy(() -> HOST.readValue(json, Product.class)).hasMessageContaining("unit_price");
    }
}
