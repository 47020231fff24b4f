/**
 * Suites of other tools read as MarketLink suites: dbt {@code schema.yml} tests ({@link DbtSchemaFile}), SodaCL
 * checks ({@link SodaChecksFile}) and Great Expectations expectation suites ({@link ExpectationSuiteFile}). Each
 * check becomes the rule that means the same; a check with no such rule (or with an option that would change its
 * meaning, such as a row filter MarketLink cannot read) is listed by name in {@link ImportResult#notImported()} with the reason, never
 * dropped silently.
 */
package org.marketlink.quality.imports;
