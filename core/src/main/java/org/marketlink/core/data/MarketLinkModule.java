package org.marketlink.core.data;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.AnnotatedClass;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.NopAnnotationIntrospector;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.math.BigDecimal;
import java.util.List;

/**
 * A Jackson module a host registers on its own {@code ObjectMapper} to read and write MarketLink's records as the
 * library does ({@link Json}): snake_case names, ISO-8601 times, decimals bounded as every reader of the library
 * bounds them, enums by name, absent optionals as {@code null}, bank details never written inside a record. Only
 * MarketLink's own types ({@code org.marketlink.*}) are changed: the host's classes keep the host's naming and
 * formats. It brings Jackson's Java-time and JDK 8 modules with it.
 *
 * <pre>{@code
 * ObjectMapper mapper = new ObjectMapper().registerModule(new MarketLinkModule());
 * Product p = mapper.readValue(json, Product.class);   // the JSON the library writes
 * }</pre>
 *
 * <p>Stateless and thread-safe; register one instance or many.
 */
public final class MarketLinkModule extends SimpleModule {
    private static final long serialVersionUID = 1L;

    /** The module. */
    public MarketLinkModule() {
        super("marketlink");
        setSerializerModifier(Json.bankDetailsLeftOut());
    }

    /** Java time and JDK 8 types (optionals), registered first by the mapper. */
    @Override
    public Iterable<? extends Module> getDependencies() {
        return List.of(new JavaTimeModule(), new Jdk8Module());
    }

    @Override
    public void setupModule(SetupContext context) {
        super.setupModule(context);
        context.insertAnnotationIntrospector(new OwnTypes());
    }

    /** What the library's mapper configures globally, said for MarketLink's own types only. */
    private static final class OwnTypes extends NopAnnotationIntrospector {
        private static final long serialVersionUID = 1L;

        private static boolean ours(Class<?> type) {
            return type != null && type.getName().startsWith("org.marketlink.");
        }

        private static boolean ownMember(Annotated a) {
            return a instanceof AnnotatedMember m && ours(m.getDeclaringClass());
        }

        @Override
        public Object findNamingStrategy(AnnotatedClass ac) {
            return ours(ac.getRawType()) ? PropertyNamingStrategies.SnakeCaseStrategy.class : null;
        }

        /** Times as ISO-8601 text (a host mapper writes them as numbers by default). */
        @Override
        public JsonFormat.Value findFormat(Annotated a) {
            if (ownMember(a) && isTime(a.getType())) {
                return JsonFormat.Value.forShape(JsonFormat.Shape.STRING);
            }
            return null;
        }

        private static boolean isTime(JavaType t) {
            if (t == null) {
                return false;
            }
            JavaType inner = t.isReferenceType() ? t.getContentType() : t;
            return inner != null && inner.getRawClass().getPackageName().equals("java.time");
        }

        @Override
        public Object findDeserializer(Annotated a) {
            return ownMember(a) && a.getRawType() == BigDecimal.class ? Json.boundedDecimal() : null;
        }
    }
}
