package org.marketlink.core.pipeline;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChecksumTest {

    @Test
    void parse_ofValue_mergesLikeTheOriginals() {
        Checksum a = new Checksum();
        Checksum b = new Checksum();
        List.of("x", "y", "z").forEach(a::add);
        List.of("w", "x").forEach(b::add);
        Checksum whole = new Checksum();
        List.of("x", "y", "z", "w", "x").forEach(whole::add);

        assertThat(Checksum.parse(a.value()).value()).isEqualTo(a.value());
        assertThat(Checksum.parse(a.value()).merge(Checksum.parse(b.value())).value()).isEqualTo(whole.value());
        assertThat(Checksum.parse(new Checksum().value()).count()).isZero();
    }

    @Test
    void parse_notAChecksum_namesTheText() {
        for (String bad : new String[] {null, "", "abc:1", "zzzzzzzzzzzzzzzz:1", "0000000000000001:x"}) {
            assertThatThrownBy(() -> Checksum.parse(bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not a checksum");
        }
    }
}
