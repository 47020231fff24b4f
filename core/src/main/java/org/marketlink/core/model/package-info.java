/**
 * The marketplace's typed domain model: immutable records whose compact constructors reject bad values with a
 * message naming the field and the value. Money is {@link java.math.BigDecimal} with scale 2. All types here are
 * immutable and therefore thread-safe.
 */
package org.marketlink.core.model;
