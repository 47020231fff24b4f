package org.marketlink.quality.imports;

/**
 * A check of another tool's suite that has no MarketLink rule meaning the same. Immutable and thread-safe.
 *
 * @param suite  the suite it belongs to (a dbt model, a Soda dataset, an expectation suite)
 * @param place  where it sits in its file, for example {@code models[0].columns[2].tests[1]}
 * @param check  the check as the tool names it, for example {@code relationships} or {@code schema}
 * @param reason why it was not imported
 */
public record NotImported(String suite, String place, String check, String reason) {
}
