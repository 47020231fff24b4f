package org.marketlink.spark.pipeline;

import org.apache.spark.sql.RowFactory;
import org.apache.spark.util.CollectionAccumulator;
import org.marketlink.core.data.Row;
import org.marketlink.core.data.Schema;
import org.marketlink.core.pipeline.Pipeline;
import org.marketlink.core.pipeline.Rejection;
import org.marketlink.core.pipeline.RunOptions;
import org.marketlink.core.pipeline.Sinks;
import org.marketlink.core.pipeline.Sources;
import org.marketlink.core.pipeline.Stage;
import org.marketlink.spark.data.SparkRowReader;
import org.marketlink.spark.data.SparkRowWriter;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * One partition of a {@link SparkPipeline} run, as the iterator Spark pulls its rows from. A chain of stateless
 * stages runs on windows of {@value #WINDOW} input rows, one after the other as Spark asks for more, so a partition
 * of any size needs the memory of one window; a chain with a stateful stage must see the whole partition in one run,
 * which is then held in memory. Row numbers of rejections count from the partition's first row either way, and the
 * partition's counts (the sum over its windows) go to the accumulator when its last row has been handed over.
 * Not thread-safe: Spark reads a partition on one thread.
 */
final class PartitionRun implements Iterator<org.apache.spark.sql.Row> {
    static final int WINDOW = 8192;

    private final Iterator<org.apache.spark.sql.Row> input;
    private final int partition;
    private final String source;
    private final StageChain chain;
    private final SparkRowReader reader;
    private final SparkRowWriter writer;
    private final Schema output;
    private final CollectionAccumulator<PartitionReport> reports;
    private final int window;

    private Iterator<org.apache.spark.sql.Row> current = Collections.emptyIterator();
    private PartitionReport total;
    private long offset;
    private boolean reported;

    PartitionRun(Iterator<org.apache.spark.sql.Row> input, int partition, String name, StageChain chain,
                 SparkRowReader reader, SparkRowWriter writer, Schema output,
                 CollectionAccumulator<PartitionReport> reports) {
        this.input = input;
        this.partition = partition;
        this.source = name + "#" + partition;
        this.chain = chain;
        this.reader = reader;
        this.writer = writer;
        this.output = output;
        this.reports = reports;
        boolean stateful = plan(List.of()).hasStatefulStage();
        this.window = stateful ? Integer.MAX_VALUE : WINDOW;
    }

    @Override
    public boolean hasNext() {
        while (!current.hasNext()) {
            if (!input.hasNext()) {
                if (!reported) {
                    reported = true;
                    if (total == null) {
                        runWindow(List.of()); // an empty partition still reports, with its stages' names
                    }
                    reports.add(total);
                }
                return false;
            }
            List<org.apache.spark.sql.Row> rows = new ArrayList<>(Math.min(window, WINDOW));
            while (rows.size() < window && input.hasNext()) {
                rows.add(input.next());
            }
            current = runWindow(rows).iterator();
        }
        return true;
    }

    @Override
    public org.apache.spark.sql.Row next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return current.next();
    }

    private Pipeline<Row> plan(List<org.apache.spark.sql.Row> rows) {
        Pipeline<Row> read = Pipeline.from(Sources.of(source, rows)).then(SparkPipeline.READ_STAGE, readStage());
        return chain.addTo(read).then(SparkPipeline.WRITE_STAGE, writeStage());
    }

    private List<org.apache.spark.sql.Row> runWindow(List<org.apache.spark.sql.Row> rows) {
        Sinks.ListSink<Row> sink = Sinks.list();
        Sinks.ListQuarantine quarantine = Sinks.quarantineList();
        PartitionReport report = PartitionReport.of(partition, plan(rows).to(sink).quarantineTo(quarantine)
                .run(RunOptions.defaults().withParallelism(1)));
        total = total == null ? report : total.plus(report);
        int width = output.size();
        int tail = SparkPipeline.QUARANTINE_COLUMNS.size();
        List<org.apache.spark.sql.Row> out = new ArrayList<>(sink.rows().size() + quarantine.rejections().size());
        for (Row r : sink.rows()) {
            out.add(RowFactory.create(writer.values(r, tail)));
        }
        for (Rejection j : quarantine.rejections()) {
            Object[] values = new Object[width + tail];
            values[width] = j.reasonCode();
            values[width + 1] = j.stage();
            values[width + 2] = j.column();
            values[width + 3] = j.message();
            values[width + 4] = j.raw();
            values[width + 5] = j.rowNumber() + offset;
            values[width + 6] = j.source();
            out.add(RowFactory.create(values));
        }
        offset += rows.size();
        return out;
    }

    private Stage<org.apache.spark.sql.Row, Row> readStage() {
        return (row, emit) -> {
            Row read;
            try {
                read = reader.read(row);
            } catch (IllegalArgumentException e) {
                emit.reject(SparkPipeline.UNREADABLE, "", e.getMessage());
                return;
            }
            emit.emit(read);
        };
    }

    private Stage<Row, Row> writeStage() {
        return (row, emit) -> {
            if (row.schema().equals(output)) {
                emit.emit(row);
            } else {
                emit.reject(SparkPipeline.WRONG_SCHEMA, "", "the chain emitted a row of " + row.schema().names()
                        + " where the output is " + output.names());
            }
        };
    }
}
