package org.marketlink.core.pipeline;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Consumer;

/** Calls a {@link RunObserver} so that an observer that throws is logged and never stops the run it watches. */
final class Observing {
    private static final Logger LOG = LoggerFactory.getLogger(Observing.class);

    private Observing() {
    }

    static void call(RunObserver observer, Consumer<RunObserver> call) {
        if (observer == RunObserver.NONE) {
            return;
        }
        try {
            call.accept(observer);
        } catch (RuntimeException e) {
            LOG.warn("a run observer ({}) failed: {}; the run goes on", observer.getClass().getName(),
                    e.getClass().getName());
        }
    }
}
