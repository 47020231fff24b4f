package org.marketlink.quality.history;

import java.time.Instant;
import java.util.Map;

/**
 * One stored metric value.
 *
 * @param dataset    what was checked
 * @param rule       the rule's name
 * @param measuredAt when
 * @param tags       free labels (for example the source or the pipeline run)
 * @param metric     the rule's metric (NaN when it errored)
 * @param status     PASSED, FAILED or ERRORED
 */
public record MetricPoint(String dataset, String rule, Instant measuredAt, Map<String, String> tags, double metric,
                          String status) {
    /** The canonical constructor: copies collections, fills defaults and checks the components as described above. */
    public MetricPoint {
        tags = Map.copyOf(tags);
    }
}
