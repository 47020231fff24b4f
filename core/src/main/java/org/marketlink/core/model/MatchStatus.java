package org.marketlink.core.model;

import java.util.EnumSet;
import java.util.Set;

/**
 * The life of a match between a producer group and a buyer:
 * {@code PENDING → ACCEPTED → CONNECTED → COMPLETED}, and {@code DECLINED} from {@code PENDING} or
 * {@code ACCEPTED}. {@code COMPLETED} and {@code DECLINED} are final.
 */
public enum MatchStatus {
    /** Proposed, not yet answered. */
    PENDING,
    /** Accepted, the two sides not yet in touch. */
    ACCEPTED,
    /** The two sides are in touch. */
    CONNECTED,
    /** A trade came of it (final). */
    COMPLETED,
    /** Turned down (final). */
    DECLINED;

    /** The states this one may move to. */
    public Set<MatchStatus> next() {
        return switch (this) {
            case PENDING -> EnumSet.of(ACCEPTED, DECLINED);
            case ACCEPTED -> EnumSet.of(CONNECTED, DECLINED);
            case CONNECTED -> EnumSet.of(COMPLETED);
            case COMPLETED, DECLINED -> EnumSet.noneOf(MatchStatus.class);
        };
    }

    /** Whether the life cycle allows a change from this status to {@code target}. */
    public boolean canMoveTo(MatchStatus target) {
        return next().contains(target);
    }

    /** Whether no change is allowed from this status. */
    public boolean isFinal() {
        return next().isEmpty();
    }
}
