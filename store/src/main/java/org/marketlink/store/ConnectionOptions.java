package org.marketlink.store;

import org.marketlink.core.Checks;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Where and how to connect to a database server through a HikariCP pool.
 *
 * @param url               JDBC URL, for example {@code jdbc:postgresql://db:5432/marketlink}
 * @param user              user name
 * @param password          password (never logged)
 * @param poolSize          maximum connections, ≥ 1
 * @param connectionTimeout how long to wait for a connection from the pool
 * @param idleTimeout       how long an idle connection is kept
 * @param maxLifetime       the longest a connection lives
 */
public record ConnectionOptions(String url, String user, String password, int poolSize, Duration connectionTimeout,
                                Duration idleTimeout, Duration maxLifetime) {
    private static final Pattern URL_PASSWORD = Pattern.compile("(?i)\\b(password|pwd)=[^&;]*");
    private static final Pattern URL_USER_INFO = Pattern.compile("//([^/:@]+):[^/@]*@");

    /** Validates every option; a message never holds the password. */
    public ConnectionOptions {
        url = Checks.notBlank("url", url);
        if (!url.startsWith("jdbc:")) {
            throw new IllegalArgumentException("url must be a JDBC URL starting with 'jdbc:', was '"
                    + redact(url, password == null ? "" : password) + "'");
        }
        user = Checks.orEmpty(user);
        password = password == null ? "" : password;
        Checks.atLeast("poolSize", poolSize, 1);
        Checks.notNull("connectionTimeout", connectionTimeout);
        Checks.notNull("idleTimeout", idleTimeout);
        Checks.notNull("maxLifetime", maxLifetime);
    }

    /** A pool of 10 with a 30 s connection timeout, 10 min idle timeout and 30 min lifetime. */
    public static ConnectionOptions of(String url, String user, String password) {
        return new ConnectionOptions(url, user, password, 10, Duration.ofSeconds(30), Duration.ofMinutes(10),
                Duration.ofMinutes(30));
    }

    /** These options with a pool of {@code size} connections. */
    public ConnectionOptions withPoolSize(int size) {
        return new ConnectionOptions(url, user, password, size, connectionTimeout, idleTimeout, maxLifetime);
    }

    /** The URL without secrets: {@code password=} / {@code pwd=} parameters and {@code user:password@} masked. */
    public String redactedUrl() {
        return redact(url);
    }

    /**
     * {@code text} (an error message, a URL) with every secret this connection holds masked: the password itself
     * wherever it appears, and password parameters of JDBC URLs.
     */
    public String redact(String text) {
        return redact(text, password);
    }

    private static String redact(String text, String password) {
        if (text == null) {
            return "";
        }
        String out = password.isEmpty() ? text : text.replace(password, "***");
        out = URL_PASSWORD.matcher(out).replaceAll("$1=***");
        return URL_USER_INFO.matcher(out).replaceAll("//$1:***@");
    }

    /** The options without the password; the URL redacted. */
    @Override
    public String toString() {
        return "ConnectionOptions[url=" + redactedUrl() + ", user=" + user + ", poolSize=" + poolSize + "]";
    }
}
