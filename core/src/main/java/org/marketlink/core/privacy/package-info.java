/**
 * Protection of personal and sensitive data: field encryption with host-held keys that can rotate.
 */
package org.marketlink.core.privacy;
