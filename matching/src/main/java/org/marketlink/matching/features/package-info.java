/**
 * The seven pair features of a group (with its products) and a buyer, each in 0..1 and defined for missing data.
 */
package org.marketlink.matching.features;
