package org.marketlink.core.data;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a record component as personal data: {@link Schema#of(Class)} makes its field {@link Field#personal()}, and
 * the library shows {@code ***} wherever it would print, log or throw the component's value.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Personal {
}
