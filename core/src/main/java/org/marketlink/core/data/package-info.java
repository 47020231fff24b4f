/** Rows of a {@link org.marketlink.core.data.Schema}: the untyped shape of data beside the domain records. */
package org.marketlink.core.data;
