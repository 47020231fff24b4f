package org.marketlink.core;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * Runs numbered blocks of work on a host's executor without making a thread and without depending on the executor
 * to make progress: every block is handed to the executor, then the calling thread takes the blocks in order and
 * runs itself any the executor has not started (a block is run once, by whichever thread starts it first). So a
 * small, saturated, rejecting or idle executor slows the work and cannot stall it. The engines' parallel calls
 * that take an {@code Executor} use it. Stateless and thread-safe.
 */
public final class HostThreads {
    private HostThreads() {
    }

    /**
     * Runs {@code block} for {@code 0 .. blocks - 1}, telling {@code done} after each block, in order, with the
     * block's number plus one (the last call is {@code blocks}), on the calling thread.
     *
     * @param executor the host's threads
     * @param blocks   how many blocks, ≥ 0
     * @param block    the work of one block; must be safe to run on any thread, several blocks at once
     * @param done     progress, called on the calling thread
     * @param what     what the work is, for the message of a failure ("ranking buyers")
     * @throws MarketLinkException when a block throws (its exception as the cause) or the calling thread is
     *                             interrupted while it waits (the flag stays set)
     */
    public static void runBlocks(Executor executor, int blocks, IntConsumer block, IntConsumer done, String what) {
        Checks.notNull("executor", executor);
        Checks.notNull("block", block);
        Checks.notNull("done", done);
        List<FutureTask<Void>> tasks = new ArrayList<>(Math.max(0, blocks));
        for (int b = 0; b < blocks; b++) {
            int index = b;
            FutureTask<Void> task = new FutureTask<>(() -> block.accept(index), null);
            try {
                executor.execute(task);
            } catch (RejectedExecutionException e) {
                task.run(); // a saturated or shut-down executor: this thread does the block
            }
            tasks.add(task);
        }
        for (int b = 0; b < tasks.size(); b++) {
            FutureTask<Void> task = tasks.get(b);
            task.run(); // does nothing when the executor has started (or finished) it
            try {
                task.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new MarketLinkException("interrupted while " + what, e);
            } catch (ExecutionException e) {
                throw new MarketLinkException(what + " failed", e.getCause());
            }
            done.accept(b + 1);
        }
    }

    /**
     * Runs {@code block} for {@code 0 .. blocks - 1} on the host's {@code executor} as {@link #runBlocks} does, or,
     * when {@code executor} is null, on the common fork-join pool (a block's exception then reaches the caller as
     * thrown). The engines' parallel calls with an optional {@code Executor} use it.
     */
    public static void runBlocksOrCommonPool(Executor executor, int blocks, IntConsumer block, String what) {
        if (executor == null) {
            IntStream.range(0, blocks).parallel().forEach(block);
        } else {
            runBlocks(executor, blocks, block, done -> {
            }, what);
        }
    }
}
