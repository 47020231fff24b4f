package org.marketlink.core.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.marketlink.core.MarketLinkException;

/**
 * The JSON form of MarketLink's records: snake_case names matching the database columns, ISO-8601 times,
 * exact decimals, absent optionals as {@code null}.
 *
 * <p>The shared mapper is thread-safe once configured; do not reconfigure it. Use {@link #newMapper()} for a
 * copy to customise.
 */
public final class Json {
    private static final ObjectMapper MAPPER = newMapper();

    private Json() {
    }

    /** The shared, pre-configured mapper. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** A new mapper with MarketLink's settings, for a host that wants to add its own. */
    public static ObjectMapper newMapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .addModule(new Jdk8Module())
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .build();
    }

    /** {@code value} as JSON text. */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new MarketLinkException("could not write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /**
     * Parses JSON text into {@code type}.
     *
     * @throws IllegalArgumentException naming the type and the problem when the text is not a valid value
     */
    public static <T> T read(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a valid " + type.getSimpleName() + ": " + e.getOriginalMessage(),
                    e);
        }
    }
}
