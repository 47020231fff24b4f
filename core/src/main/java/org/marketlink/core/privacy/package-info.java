/**
 * Masking of personal data wherever the library prints, logs or throws values. Field encryption with host-held
 * keys is in the {@code marketlink-store} module ({@code org.marketlink.store.crypto}).
 */
package org.marketlink.core.privacy;
