package org.marketlink.store;

import org.junit.jupiter.api.Test;
import org.marketlink.core.MarketLinkException;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A password given to the store never comes back in a message, a toString or an exception. */
class ConnectionSecretsTest {
    private static final String SECRET = "c4nary-Pw-91";

    @Test
    void toString_andRedactedUrl_holdNoPassword() {
        ConnectionOptions o = ConnectionOptions.of("jdbc:postgresql://db:5432/market?user=ml&password=" + SECRET
                + "&ssl=true", "ml", SECRET);
        assertThat(o.toString()).doesNotContain(SECRET).contains("password=***").contains("ssl=true");
        assertThat(ConnectionOptions.of("jdbc:postgresql://ml:" + SECRET + "@db/market", "", "").redactedUrl())
                .isEqualTo("jdbc:postgresql://ml:***@db/market");
        assertThatThrownBy(() -> ConnectionOptions.of("postgres://x?password=" + SECRET, "u", SECRET))
                .isInstanceOf(IllegalArgumentException.class).message().doesNotContain(SECRET);
    }

    @Test
    void aFailedConnection_namesTheServer_notThePassword() {
        ConnectionOptions o = new ConnectionOptions("jdbc:postgresql://127.0.0.1:1/market?password=" + SECRET, "ml",
                SECRET, 1, Duration.ofMillis(500), Duration.ofMinutes(10), Duration.ofMinutes(30));
        assertThatThrownBy(() -> MarketStore.connect(o)).isInstanceOf(MarketLinkException.class)
                .message().contains("127.0.0.1:1").doesNotContain(SECRET);
    }
}
