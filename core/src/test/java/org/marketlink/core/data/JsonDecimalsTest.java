package org.marketlink.core.data;

import org.junit.jupiter.api.Test;
import org.marketlink.core.model.OrderLine;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A decimal a record reads from JSON is bounded as the CSV reader bounds it, so arithmetic on it stays cheap. */
class JsonDecimalsTest {
    @Test
    void aHugeExponent_isRefusedWhenRead_notWhenSummed() {
        String line = "{\"product_id\":\"00000000-0000-0000-0000-000000000001\",\"quantity\":1E+999999999,"
                + "\"unit_price\":2.50}";
        assertThatThrownBy(() -> Json.read(line, OrderLine.class)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most 1000 digits");
        OrderLine ok = Json.read(line.replace("1E+999999999", "12.5"), OrderLine.class);
        assertThat(ok.quantity()).isEqualByComparingTo(new BigDecimal("12.5"));
    }
}
