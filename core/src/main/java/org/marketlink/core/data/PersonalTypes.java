package org.marketlink.core.data;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Whether values of a type can hold personal data somewhere inside them: a record with a {@link Personal}
 * component, or with a component whose type can — directly, or as the element of an array, a collection, an
 * {@code Optional} or the key or value of a map — at any depth. {@code Customer(String id, List<Address> addresses)}
 * holds personal data when {@code Address} has a {@code @Personal} component. Decided once per class from its
 * declaration (recursive types included), then looked up.
 *
 * <p>Thread-safe.
 */
public final class PersonalTypes {
    private static final ClassValue<Boolean> HOLDS = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            return scan(type, new HashSet<>());
        }
    };

    private PersonalTypes() {
    }

    /**
     * Whether a value of {@code type} can hold personal data inside it.
     *
     * @param type any class; only records (and the containers they declare) can
     * @return true when some component, at any depth, is {@link Personal}
     */
    public static boolean holdsPersonal(Class<?> type) {
        return type != null && HOLDS.get(type);
    }

    /**
     * Whether a value of a declared {@code type} (for example a record component's {@code List<Address>}) can hold
     * personal data inside it.
     *
     * @param type a class or a parameterized, array or wildcard type
     * @return true when some record it reaches has a {@link Personal} component
     */
    public static boolean holdsPersonal(Type type) {
        return type instanceof Class<?> c ? holdsPersonal(c) : scan(type, new HashSet<>());
    }

    private static boolean scan(Type type, Set<Class<?>> visiting) {
        if (type instanceof Class<?> c) {
            if (c.isArray()) {
                return scan(c.getComponentType(), visiting);
            }
            if (!c.isRecord() || !visiting.add(c)) {
                // not a record, or a record already being looked at further up (a recursive type)
                return false;
            }
            for (RecordComponent component : c.getRecordComponents()) {
                if (component.isAnnotationPresent(Personal.class) || scan(component.getGenericType(), visiting)) {
                    return true;
                }
            }
            return false;
        }
        if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw
                && (Collection.class.isAssignableFrom(raw) || Map.class.isAssignableFrom(raw) || raw == Optional.class)) {
            for (Type argument : p.getActualTypeArguments()) {
                if (scan(argument, visiting)) {
                    return true;
                }
            }
            return false;
        }
        if (type instanceof GenericArrayType a) {
            return scan(a.getGenericComponentType(), visiting);
        }
        if (type instanceof WildcardType w) {
            for (Type bound : w.getUpperBounds()) {
                if (scan(bound, visiting)) {
                    return true;
                }
            }
        }
        return false;
    }
}
