package org.marketlink.core.data;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.deser.std.NumberDeserializers;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.BeanPropertyWriter;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.marketlink.core.MarketLinkException;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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
                .addModule(boundedDecimals())
                .addModule(noBankDetailsInside())
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .build();
    }

    /**
     * Decimals as every reader of the library bounds them: a 12-character number such as {@code 1E+999999999} is a
     * billion digits to any arithmetic that needs a scale (sums of order lines, checksums), so it is refused when it
     * is read, with the bound in the message, as the CSV reader refuses it.
     */
    private static SimpleModule boundedDecimals() {
        SimpleModule module = new SimpleModule("marketlink-bounded-decimals");
        module.addDeserializer(BigDecimal.class, boundedDecimal());
        return module;
    }

    /** The decimal reader of {@link #boundedDecimals()}, also used by {@link MarketLinkModule} for its records. */
    static StdScalarDeserializer<BigDecimal> boundedDecimal() {
        return new StdScalarDeserializer<>(BigDecimal.class) {
            private static final long serialVersionUID = 1L;

            @Override
            public BigDecimal deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                BigDecimal d = NumberDeserializers.BigDecimalDeserializer.instance.deserialize(p, ctxt);
                try {
                    return d == null ? null : PlainNumbers.bounded(d);
                } catch (IllegalArgumentException e) {
                    throw InvalidFormatException.from(p, e.getMessage(), null, BigDecimal.class);
                }
            }
        };
    }

    /**
     * Values of a {@link WrittenAlone} type (bank details) are left out of every record that holds them ({@code Json.write(shg)}, a JSON Lines file of
     * groups): written as JSON they would be in clear. They are written only on their own, which is how the store
     * seals them; reading a record that holds them still works.
     */
    private static SimpleModule noBankDetailsInside() {
        SimpleModule module = new SimpleModule("marketlink-no-bank-details-inside");
        module.setSerializerModifier(bankDetailsLeftOut());
        return module;
    }

    /** Leaves {@link WrittenAlone} values out of the records that hold them; also in {@link MarketLinkModule}. */
    static BeanSerializerModifier bankDetailsLeftOut() {
        return new BeanSerializerModifier() {
            private static final long serialVersionUID = 1L;

            @Override
            public List<BeanPropertyWriter> changeProperties(SerializationConfig config, BeanDescription bean,
                                                             List<BeanPropertyWriter> properties) {
                List<BeanPropertyWriter> kept = new ArrayList<>(properties.size());
                for (BeanPropertyWriter w : properties) {
                    JavaType t = w.getType();
                    JavaType inner = t.hasRawClass(Optional.class) && t.containedTypeCount() == 1
                            ? t.containedType(0) : t;
                    if (!inner.getRawClass().isAnnotationPresent(WrittenAlone.class)) {
                        kept.add(w);
                    }
                }
                return kept;
            }
        };
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
