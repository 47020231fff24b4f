package org.marketlink.core.pipeline.normalize;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

class NormalizeTest {

    @Test
    void units_wfpPackSizes_becomeBaseUnits() {
        assertThat(Units.parse("90 KG")).contains(new Quantity(new BigDecimal("90"), "kg"));
        assertThat(Units.parse("400 G")).contains(new Quantity(new BigDecimal("0.4"), "kg"));
        assertThat(Units.parse("1 L")).contains(new Quantity(BigDecimal.ONE, "l"));
        assertThat(Units.parse("500ml")).contains(new Quantity(new BigDecimal("0.5"), "l"));
        assertThat(Units.parse("Unit")).contains(new Quantity(BigDecimal.ONE, "unit"));
        assertThat(Units.parse("KG")).contains(new Quantity(BigDecimal.ONE, "kg"));
        assertThat(Units.parse("Bunch")).isEmpty();
        assertThat(Units.parse("0 KG")).isEmpty();
        assertThat(Units.parse("1.2.3 KG")).isEmpty();
        assertThat(Units.parse(null)).isEmpty();
        assertThat(Units.pricePerBaseUnit(new BigDecimal("1480.0"), "90 KG")).contains(new BigDecimal("16.4444"));
        assertThat(Units.pricePerBaseUnit(new BigDecimal("30"), "400 G")).contains(new BigDecimal("75.0000"));
    }

    @Test
    void percentages_followTheStatedRule() {
        assertThat(Percentages.parse("18%", Percentages.BareNumbers.FRACTIONS_ONLY)).contains(new BigDecimal("0.18"));
        assertThat(Percentages.parse("18 %", Percentages.BareNumbers.FRACTIONS_ONLY)).contains(new BigDecimal("0.18"));
        assertThat(Percentages.parse("0.18", Percentages.BareNumbers.FRACTIONS_ONLY)).contains(new BigDecimal("0.18"));
        assertThat(Percentages.parse("18", Percentages.BareNumbers.FRACTIONS_ONLY)).isEmpty();
        assertThat(Percentages.parse("18", Percentages.BareNumbers.PERCENT_ABOVE_ONE)).contains(new BigDecimal("0.18"));
        assertThat(Percentages.parse("1", Percentages.BareNumbers.PERCENT_ABOVE_ONE)).contains(BigDecimal.ONE);
        assertThat(Percentages.parse("140%", Percentages.BareNumbers.FRACTIONS_ONLY)).isEmpty();
        assertThat(Percentages.parse("-5%", Percentages.BareNumbers.FRACTIONS_ONLY)).isEmpty();
        assertThat(Percentages.parse("abc", Percentages.BareNumbers.FRACTIONS_ONLY)).isEmpty();
    }

    @Test
    void names_areTrimmedCollapsedAndNfc() {
        assertThat(Names.clean("  Maize \t (white)\u00a0 ")).isEqualTo("Maize (white)");
        assertThat(Names.clean("Cafe\u0301")).isEqualTo("Caf\u00e9");
        assertThat(Names.key(" MAIZE  Flour")).isEqualTo("maize flour");
        assertThat(Names.clean(null)).isEmpty();
    }

    @Test
    void decimals_eitherSeparatorWhereUnambiguous() {
        assertThat(Decimals.parse("1,234.5")).contains(new BigDecimal("1234.5"));
        assertThat(Decimals.parse("1.234,5")).contains(new BigDecimal("1234.5"));
        assertThat(Decimals.parse("12,5")).contains(new BigDecimal("12.5"));
        assertThat(Decimals.parse("1,234,567")).contains(new BigDecimal("1234567"));
        assertThat(Decimals.parse("1,234")).isEmpty();
        assertThat(Decimals.parse("1.234")).isEmpty();
        assertThat(Decimals.parse("0.25")).contains(new BigDecimal("0.25"));
        assertThat(Decimals.parse("12")).contains(new BigDecimal("12"));
        assertThat(Decimals.parse("x")).isEmpty();
    }
}
