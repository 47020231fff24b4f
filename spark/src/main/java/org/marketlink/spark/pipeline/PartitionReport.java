package org.marketlink.spark.pipeline;

import org.marketlink.core.pipeline.RunReport;
import org.marketlink.core.pipeline.StageReport;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The counts of one partition's run, as an accumulator carries them to the driver. Keyed by partition so that a
 * task that Spark runs twice (a retry, a recomputed cache block) is counted once.
 */
record PartitionReport(int partition, long rowsIn, long rowsOut, long quarantined, long expanded, long checksumSum,
                       long checksumCount, List<String> stages, long[] stageIn, long[] stageOut,
                       long[] stageQuarantined, long[] stageFailed, double[] stageMillis) implements Serializable {

    /** This report and {@code other}'s counts (a later window of the same partition and stages) added up. */
    PartitionReport plus(PartitionReport other) {
        long[] in = stageIn.clone();
        long[] out = stageOut.clone();
        long[] q = stageQuarantined.clone();
        long[] failed = stageFailed.clone();
        double[] millis = stageMillis.clone();
        for (int i = 0; i < in.length; i++) {
            in[i] += other.stageIn[i];
            out[i] += other.stageOut[i];
            q[i] += other.stageQuarantined[i];
            failed[i] += other.stageFailed[i];
            millis[i] += other.stageMillis[i];
        }
        return new PartitionReport(partition, rowsIn + other.rowsIn, rowsOut + other.rowsOut,
                quarantined + other.quarantined, expanded + other.expanded, checksumSum + other.checksumSum,
                checksumCount + other.checksumCount, stages, in, out, q, failed, millis);
    }

    static PartitionReport of(int partition, RunReport r) {
        int n = r.stages().size();
        List<String> names = new ArrayList<>(n);
        long[] in = new long[n];
        long[] out = new long[n];
        long[] q = new long[n];
        long[] failed = new long[n];
        double[] millis = new double[n];
        for (int i = 0; i < n; i++) {
            StageReport s = r.stages().get(i);
            names.add(s.name());
            in[i] = s.rowsIn();
            out[i] = s.rowsOut();
            q[i] = s.quarantined();
            failed[i] = s.failed();
            millis[i] = s.millis();
        }
        String[] checksum = r.checksum().split(":");
        return new PartitionReport(partition, r.rowsIn(), r.rowsOut(), r.quarantined(), r.expanded(),
                Long.parseUnsignedLong(checksum[0], 16), Long.parseLong(checksum[1]), names, in, out, q, failed,
                millis);
    }
}
