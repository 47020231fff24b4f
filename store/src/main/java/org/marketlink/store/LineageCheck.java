package org.marketlink.store;

/**
 * The result of recomputing a run's checksum over its target as it is now.
 *
 * @param runId    the run
 * @param expected the checksum recorded when the run wrote its rows
 * @param actual   the checksum of the rows read back now
 */
public record LineageCheck(String runId, String expected, String actual) {
    /** Whether the target still holds exactly what the run wrote. */
    public boolean matches() {
        return expected.equals(actual);
    }

    @Override
    public String toString() {
        return matches() ? "lineage of run " + runId + " matches (" + actual + ")"
                : "lineage of run " + runId + " does not match: recorded " + expected + ", target now " + actual;
    }
}
