/**
 * A self-contained HTML report of suite results and their history.
 */
package org.marketlink.quality.report;
