package org.marketlink.store.registry;

import java.time.Instant;

/**
 * One attempt to change a model version's status, passed or not.
 *
 * @param name    the model
 * @param version its version
 * @param at      when
 * @param from    status before
 * @param to      status asked for (unchanged when the gate failed)
 * @param gate    what the gate required ({@code "archived by a later promotion"} and the like for automatic moves)
 * @param passed  whether the move happened
 * @param reason  the gate's reason, with its figures
 */
public record Promotion(String name, int version, Instant at, ModelStatus from, ModelStatus to, String gate,
                        boolean passed, String reason) {
}
