/**
 * Customer and item interaction features: per-user and per-item counts, distinct counterparts, average rating, last
 * interaction, bounded most-recent lists and derived formulas bound to column positions once.
 */
package org.marketlink.core.features.interaction;
