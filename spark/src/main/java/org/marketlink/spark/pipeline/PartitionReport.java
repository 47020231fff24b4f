package org.marketlink.spark.pipeline;

import org.marketlink.core.pipeline.Checksum;
import org.marketlink.core.pipeline.RunReport;
import org.marketlink.core.pipeline.StageReport;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The counts of one partition's run, as an accumulator carries them to the driver. Keyed by partition so that a
 * task that Spark runs twice (a retry, a recomputed cache block) is counted once.
 */
record PartitionReport(int partition, long rowsIn, long rowsOut, long quarantined, long expanded, String checksum,
                       List<String> stages, long[] stageIn, long[] stageOut,
                       long[] stageQuarantined, long[] stageFailed, long[] stageDropped, double[] stageMillis)
        implements Serializable {

    /**
     * This report and {@code other}'s counts added up: a later window of the same partition, or another partition of
     * the same run (the result keeps this report's partition number).
     */
    PartitionReport plus(PartitionReport other) {
        long[] in = stageIn.clone();
        long[] out = stageOut.clone();
        long[] q = stageQuarantined.clone();
        long[] failed = stageFailed.clone();
        long[] dropped = stageDropped.clone();
        double[] millis = stageMillis.clone();
        for (int i = 0; i < in.length; i++) {
            in[i] += other.stageIn[i];
            out[i] += other.stageOut[i];
            q[i] += other.stageQuarantined[i];
            failed[i] += other.stageFailed[i];
            dropped[i] += other.stageDropped[i];
            millis[i] += other.stageMillis[i];
        }
        return new PartitionReport(partition, rowsIn + other.rowsIn, rowsOut + other.rowsOut,
                quarantined + other.quarantined, expanded + other.expanded,
                Checksum.parse(checksum).merge(Checksum.parse(other.checksum)).value(), stages, in, out, q, failed,
                dropped, millis);
    }

    /** The per-stage counts as the run report states them. */
    List<StageReport> stageReports() {
        List<StageReport> out = new ArrayList<>(stages.size());
        for (int i = 0; i < stages.size(); i++) {
            out.add(new StageReport(stages.get(i), stageIn[i], stageOut[i], stageQuarantined[i], stageFailed[i],
                    stageDropped[i], stageMillis[i]));
        }
        return out;
    }

    static PartitionReport of(int partition, RunReport r) {
        int n = r.stages().size();
        List<String> names = new ArrayList<>(n);
        long[] in = new long[n];
        long[] out = new long[n];
        long[] q = new long[n];
        long[] failed = new long[n];
        long[] dropped = new long[n];
        double[] millis = new double[n];
        for (int i = 0; i < n; i++) {
            StageReport s = r.stages().get(i);
            names.add(s.name());
            in[i] = s.rowsIn();
            out[i] = s.rowsOut();
            q[i] = s.quarantined();
            failed[i] = s.failed();
            dropped[i] = s.dropped();
            millis[i] = s.millis();
        }
        return new PartitionReport(partition, r.rowsIn(), r.rowsOut(), r.quarantined(), r.expanded(), r.checksum(),
                names, in, out, q, failed, dropped, millis);
    }
}
