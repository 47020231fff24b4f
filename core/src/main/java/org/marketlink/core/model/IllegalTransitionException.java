package org.marketlink.core.model;

import org.marketlink.core.MarketLinkException;

/** A match was asked to move between two states that its life cycle does not connect. */
public class IllegalTransitionException extends MarketLinkException {
    private static final long serialVersionUID = 1L;

    /** The status the match had. */
    private final MatchStatus from;
    /** The status the change asked for. */
    private final MatchStatus to;

    /** A change from {@code from} to {@code to} that the life cycle does not allow. */
    public IllegalTransitionException(MatchStatus from, MatchStatus to) {
        super("a match cannot move from " + from + " to " + to
                + (from.isFinal() ? " (" + from + " is final)" : "; allowed from " + from + ": " + from.next()));
        this.from = from;
        this.to = to;
    }

    /** The status the match had. */
    public MatchStatus from() {
        return from;
    }

    /** The status the change asked for. */
    public MatchStatus to() {
        return to;
    }
}
