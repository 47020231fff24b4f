package org.marketlink.core.privacy;

import org.junit.jupiter.api.Test;
import org.marketlink.core.data.Field;
import org.marketlink.core.data.FieldType;
import org.marketlink.core.data.Personal;
import org.marketlink.core.data.PersonalTypes;
import org.marketlink.core.data.Schema;
import org.marketlink.core.model.ContactInfo;
import org.marketlink.core.pipeline.Pipeline;
import org.marketlink.core.pipeline.RunReport;
import org.marketlink.core.pipeline.Sinks;
import org.marketlink.core.pipeline.Sources;
import org.marketlink.core.pipeline.Stage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Personal data nested inside records, lists, maps, optionals and JSON objects is masked as top-level data is. */
class NestedMaskingTest {
    private static final String STREET = "canary-street-7f3a";
    private static final String PHONE = "+254-canary-0044";

    record Address(@Personal String street, String city) {
    }

    record Customer(String id, Address home, List<Address> others, Optional<Address> billing,
                    Map<String, Address> byLabel, ContactInfo contact) {
    }

    record Plain(String id, List<String> tags) {
    }

    record Tree(String label, List<Tree> children) {
    }

    record PersonTree(@Personal String name, List<PersonTree> children) {
    }

    private static Customer customer() {
        Address home = new Address(STREET + "-home", "Kisumu");
        return new Customer("c-1", home, List.of(new Address(STREET + "-other", "Nairobi")),
                Optional.of(new Address(STREET + "-billing", "Mombasa")),
                Map.of("work", new Address(STREET + "-work", "Eldoret")),
                new ContactInfo("Achieng", PHONE, "achieng@example.org"));
    }

    @Test
    void render_masksPersonalComponents_atEveryDepth_andKeepsTheRest() {
        String shown = Masking.render(customer());
        assertThat(shown).doesNotContain(STREET).doesNotContain(PHONE).doesNotContain("Achieng")
                .contains("c-1", "Kisumu", "Nairobi", "Mombasa", "Eldoret", "work", Masking.MASK);
    }

    @Test
    void aRecordWithPersonalDataOnlyInside_mayHoldPersonal_andItsFieldsArePersonal() {
        assertThat(Masking.mayHoldPersonal(customer())).isTrue();
        assertThat(Masking.mayHoldPersonal(new Plain("p", List.of("a")))).isFalse();
        assertThat(Masking.isPersonal(customer(), "home")).isTrue();
        assertThat(Masking.isPersonal(customer(), "home.street")).isTrue();
        assertThat(Masking.isPersonal(customer(), "home.city")).isFalse();
        assertThat(Masking.isPersonal(customer(), "others")).isTrue();
        assertThat(Masking.isPersonal(customer(), "id")).isFalse();
        Schema schema = Schema.of(Customer.class);
        assertThat(schema.isPersonal("home")).isTrue();
        assertThat(schema.isPersonal("others")).isTrue();
        assertThat(schema.isPersonal("billing")).isTrue();
        assertThat(schema.isPersonal("byLabel")).isTrue();
        assertThat(schema.isPersonal("contact")).isTrue();
        assertThat(schema.isPersonal("id")).isFalse();
    }

    @Test
    void recursiveTypes_areDecided_withoutLoopingForEver() {
        assertThat(PersonalTypes.holdsPersonal(Tree.class)).isFalse();
        assertThat(PersonalTypes.holdsPersonal(PersonTree.class)).isTrue();
        // a deep value is cut off, not rendered until the stack runs out
        PersonTree deep = new PersonTree("root-canary", List.of());
        for (int i = 0; i < 10_000; i++) {
            deep = new PersonTree("n" + i + "-canary", List.of(deep));
        }
        assertThat(Masking.render(deep)).doesNotContain("canary").contains("…");
    }

    @Test
    void aPipelineRejectingNestedPersonalData_neitherQuotesItInRawTextNorInMessages() {
        Stage<Customer, Customer> refuses = (in, out) -> {
            if (in.id().equals("c-1")) {
                throw new IllegalStateException("cannot deliver to " + in.home().street());
            }
            out.emit(in);
        };
        Stage<Customer, Customer> rejects = (in, out) -> out.reject("BAD_ADDRESS", "home.street",
                "street " + in.home().street() + " is not known");
        for (Stage<Customer, Customer> stage : List.of(refuses, rejects)) {
            Sinks.ListQuarantine quarantine = Sinks.quarantineList();
            RunReport report = Pipeline.from(Sources.of("customers", List.of(customer()))).then("check", stage)
                    .to(Sinks.list()).quarantineTo(quarantine).run();
            assertThat(report.balanced()).isTrue();
            assertThat(quarantine.rejections()).singleElement().satisfies(r -> {
                assertThat(r.raw()).doesNotContain(STREET).doesNotContain(PHONE).contains("Kisumu");
                assertThat(r.message()).doesNotContain(STREET);
            });
        }
    }

    @Test
    void maskJson_masksWholeNestedValues_andPersonalNamesAtAnyDepth() {
        Schema schema = Schema.of(Field.required("id", FieldType.STRING), Field.optional("contact", FieldType.JSON),
                Field.optional("phone", FieldType.STRING)).withPersonal("contact", "phone");
        String line = "{\"id\":\"c-1\",\"contact\":{\"person\":\"Achieng\",\"phone\":\"" + PHONE + "\",\"tags\":[\"x\","
                + "{\"a\":\"]\"}]},\"meta\":{\"phone\": \"" + PHONE + "\",\"ok\":1},\"after\":\"kept\"";
        String masked = Masking.maskJson(line, schema);
        assertThat(masked).doesNotContain(PHONE).doesNotContain("Achieng").contains("\"id\":\"c-1\"")
                .contains("\"after\":\"kept\"").contains("\"ok\":1");
        // a damaged line: the personal value never closes, and what follows it is masked with it
        String damaged = "{\"id\":\"c-2\",\"contact\":{\"phone\":\"" + PHONE;
        assertThat(Masking.maskJson(damaged, schema)).doesNotContain(PHONE).contains("c-2");
        String unterminated = "{\"id\":\"c-3\",\"phone\":\"" + PHONE + "\\\"";
        assertThat(Masking.maskJson(unterminated, schema)).doesNotContain(PHONE);
        // escapes and brackets inside strings do not confuse the scanner
        String tricky = "{\"note\":\"a \\\"phone\\\": \\\"x\\\" {[\",\"phone\":\"" + PHONE + "\"}";
        assertThat(Masking.maskJson(tricky, schema)).doesNotContain(PHONE).contains("a \\\"phone\\\"");
    }

    @Test
    void maskJson_isLinear_onALongHostileLine() {
        StringBuilder line = new StringBuilder("{\"phone\":\"");
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < 200_000; i++) {
            parts.add("\\\"{[");
        }
        line.append(String.join("", parts)).append(PHONE).append("\"}");
        Schema schema = Schema.of(Field.optional("phone", FieldType.STRING)).withPersonal("phone");
        assertThat(Masking.maskJson(line.toString(), schema)).isEqualTo("{\"phone\":\"***\"}");
    }
}
