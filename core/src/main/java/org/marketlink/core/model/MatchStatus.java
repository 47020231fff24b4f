package org.marketlink.core.model;

import java.util.EnumSet;
import java.util.Set;

/**
 * The life of a match between a producer group and a buyer:
 * {@code PENDING → ACCEPTED → CONNECTED → COMPLETED}, and {@code DECLINED} from {@code PENDING} or
 * {@code ACCEPTED}. {@code COMPLETED} and {@code DECLINED} are final.
 */
public enum MatchStatus {
    PENDING, ACCEPTED, CONNECTED, COMPLETED, DECLINED;

    /** The states this one may move to. */
    public Set<MatchStatus> next() {
        return switch (this) {
            case PENDING -> EnumSet.of(ACCEPTED, DECLINED);
            case ACCEPTED -> EnumSet.of(CONNECTED, DECLINED);
            case CONNECTED -> EnumSet.of(COMPLETED);
            case COMPLETED, DECLINED -> EnumSet.noneOf(MatchStatus.class);
        };
    }

    public boolean canMoveTo(MatchStatus target) {
        return next().contains(target);
    }

    public boolean isFinal() {
        return next().isEmpty();
    }
}
