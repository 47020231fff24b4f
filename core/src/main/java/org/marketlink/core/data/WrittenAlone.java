package org.marketlink.core.data;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a type whose JSON form is secret enough to be written only on its own (for example bank details, which the
 * store seals right after writing them): {@link Json} leaves a property of this type, or an {@code Optional} of
 * it, out of every other record it writes. Reading is unaffected.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface WrittenAlone {
}
