package org.marketlink.core.pipeline;

import org.marketlink.core.privacy.Masking;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A plan's stages applied to chunks, counting every input: the stateless prefix (safe on worker threads, chunks in
 * any order) and, from the first stateful stage on, the rest (on the committing thread, in source order). An input
 * a stateless stage neither emits nor rejects is counted as dropped; what a stateless stage emitted for an input
 * before it threw is taken back, so that input is in quarantine only.
 */
final class StageChain {
    static final String STAGE_ERROR = "STAGE_ERROR";

    private final List<NamedStage> stages;
    private final RunAccounting accounting;
    private final String sourceName;
    /** Whether rejected rows are kept anywhere; if not, their text is never built. */
    private final boolean keepRaw;
    private final int firstStateful;

    StageChain(List<NamedStage> stages, RunAccounting accounting, String sourceName, boolean keepRaw) {
        this.stages = stages;
        this.accounting = accounting;
        this.sourceName = sourceName;
        this.keepRaw = keepRaw;
        int first = stages.size();
        for (int i = 0; i < stages.size(); i++) {
            if (stages.get(i).stage().stateful()) {
                first = i;
                break;
            }
        }
        this.firstStateful = first;
    }

    /** The stages before the first stateful one; thread-safe across chunks. */
    Chunk stateless(Chunk chunk) {
        if (chunk.pending > 0) {
            decode(chunk);
        }
        List<Chunk.Item> current = chunk.items;
        for (int s = 0; s < firstStateful; s++) {
            current = apply(s, current, chunk.rejections);
        }
        chunk.output = current;
        if (firstStateful == stages.size()) {
            // the output is final: hash it here, on a worker, not on the one committing thread
            chunk.outputChecksum = checksumOf(current);
        } else if (stages.get(firstStateful).stage() instanceof WarmsInput warming) {
            for (Chunk.Item item : current) {
                warming.warm(item.value());
            }
        }
        return chunk;
    }

    /** The stateful stage and those after it; on the committing thread, chunks in source order. */
    Chunk stateful(Chunk chunk) {
        if (firstStateful == stages.size()) {
            return chunk;
        }
        List<Chunk.Item> current = chunk.output;
        for (int s = firstStateful; s < stages.size(); s++) {
            current = apply(s, current, chunk.rejections);
        }
        chunk.output = current;
        chunk.outputChecksum = checksumOf(current);
        return chunk;
    }

    /**
     * Decodes the rows the source left undecoded, in place: each becomes a row or a rejection of the chunk, as if
     * the source had decoded it while reading (the run counted it as read already).
     */
    private void decode(Chunk chunk) {
        Decoding<Object> decoding = new Decoding<>(sourceName);
        List<Chunk.Item> decoded = new ArrayList<>(chunk.items.size());
        Cursor.RowConsumer<Object> into = (row, n) -> decoded.add(new Chunk.Item(row, n));
        Consumer<Rejection> rejected = chunk.rejections::add;
        for (Chunk.Item item : chunk.items) {
            if (item.value() instanceof Chunk.Pending p) {
                @SuppressWarnings("unchecked")
                Undecoded<Object> row = (Undecoded<Object>) p.row();
                decoding.decode(row, item.rowNumber(), into, rejected);
            } else {
                decoded.add(item);
            }
        }
        chunk.items.clear();
        chunk.items.addAll(decoded);
        chunk.pending = 0;
    }

    /** The checksum of the values of {@code items}. */
    private static Checksum checksumOf(List<Chunk.Item> items) {
        Checksum c = new Checksum();
        for (Chunk.Item item : items) {
            c.add(item.value());
        }
        return c;
    }

    /** Asks the stateful stages, in order, to emit what they held; each one's output runs through the rest. */
    void finish(Chunk chunk) {
        List<Chunk.Item> carried = new ArrayList<>();
        for (int s = firstStateful; s < stages.size(); s++) {
            List<Chunk.Item> passed = apply(s, carried, chunk.rejections);
            @SuppressWarnings("unchecked")
            Stage<Object, Object> stage = (Stage<Object, Object>) stages.get(s).stage();
            Collector collector = new Collector(s, chunk.rejections);
            collector.current = new Chunk.Item(null, 0);
            try {
                stage.finish(collector);
            } catch (RuntimeException e) {
                RunAccounting.StageCounters c = accounting.stage(s);
                // what came in and neither came out nor was rejected was held: a combining stage holds groups
                long held = c.notOut() - collector.output.size();
                throw new UnableToRunException("stage '" + stages.get(s).name() + "' failed to finish: "
                        + (stage.combinesRows() ? "the rows it held were" : held + " rows it held were")
                        + " not written (" + e.getClass().getName() + ")", e);
            }
            accounting.stage(s).out.add(collector.output.size());
            passed.addAll(collector.output);
            carried = passed;
        }
        chunk.output = carried;
        chunk.outputChecksum = checksumOf(carried);
    }

    private List<Chunk.Item> apply(int s, List<Chunk.Item> inputs, List<Rejection> rejections) {
        @SuppressWarnings("unchecked")
        Stage<Object, Object> stage = (Stage<Object, Object>) stages.get(s).stage();
        boolean stateful = stage.stateful();
        RunAccounting.StageCounters c = accounting.stage(s);
        Collector collector = new Collector(s, rejections);
        long start = System.nanoTime();
        long dropped = 0;
        for (Chunk.Item item : inputs) {
            collector.current = item;
            int emittedBefore = collector.output.size();
            int rejectedBefore = rejections.size();
            try {
                stage.apply(item.value(), collector);
            } catch (Exception e) {
                c.failed.increment();
                if (!stateful) {
                    // what the stage emitted or rejected for this input before it threw is taken back: the input
                    // goes to quarantine once, and nowhere else (a stateful stage may have emitted held rows)
                    collector.output.subList(emittedBefore, collector.output.size()).clear();
                    int taken = rejections.size() - rejectedBefore;
                    rejections.subList(rejectedBefore, rejections.size()).clear();
                    c.quarantined.add(-taken);
                }
                collector.reject(STAGE_ERROR, "", e.getClass().getName() + masked(item.value(), e));
            }
            if (!stateful && collector.output.size() == emittedBefore && rejections.size() == rejectedBefore) {
                dropped++;
            }
        }
        c.nanos.add(System.nanoTime() - start);
        c.in.add(inputs.size());
        c.out.add(collector.output.size());
        c.dropped.add(dropped);
        return collector.output;
    }

    // an exception's message may quote the row; a row that holds personal data is not quoted
    private static String masked(Object value, Exception e) {
        if (e.getMessage() == null) {
            return "";
        }
        return Masking.mayHoldPersonal(value) ? ": message withheld (the row holds personal data)"
                : ": " + e.getMessage();
    }

    /** What one stage emits and rejects for the inputs of one chunk. */
    private final class Collector implements Emitter<Object> {
        final int stage;
        final List<Rejection> rejections;
        final List<Chunk.Item> output = new ArrayList<>();
        Chunk.Item current;

        Collector(int stage, List<Rejection> rejections) {
            this.stage = stage;
            this.rejections = rejections;
        }

        @Override
        public void emit(Object value) {
            if (value == null) {
                // thrown inside the stage's apply: the input goes to quarantine as STAGE_ERROR with this message
                throw new IllegalStateException("stage '" + stages.get(stage).name() + "' emitted null");
            }
            output.add(new Chunk.Item(value, current.rowNumber()));
        }

        @Override
        public void reject(String reasonCode, String column, String message) {
            accounting.stage(stage).quarantined.increment();
            rejections.add(new Rejection(reasonCode, stages.get(stage).name(), column,
                    masked(current.value(), column, message), keepRaw ? Masking.render(current.value()) : "",
                    current.rowNumber(), sourceName));
        }

        @Override
        public long rowNumber() {
            return current.rowNumber();
        }

        @Override
        public void rejectHeld(Object held, long heldRowNumber, String reasonCode, String column, String message) {
            accounting.stage(stage).quarantined.increment();
            rejections.add(new Rejection(reasonCode, stages.get(stage).name(), column, masked(held, column, message),
                    keepRaw ? Masking.render(held) : "", heldRowNumber, sourceName));
        }

        // a stage's message about a personal-data column may quote the value: keep only the column's name
        private String masked(Object value, String column, String message) {
            return Masking.isPersonal(value, column) ? column + ": value withheld (personal data)" : message;
        }
    }
}
