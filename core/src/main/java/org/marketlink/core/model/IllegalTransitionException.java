package org.marketlink.core.model;

import org.marketlink.core.MarketLinkException;

/** A match was asked to move between two states that its life cycle does not connect. */
public class IllegalTransitionException extends MarketLinkException {
    private static final long serialVersionUID = 1L;

    private final MatchStatus from;
    private final MatchStatus to;

    public IllegalTransitionException(MatchStatus from, MatchStatus to) {
        super("a match cannot move from " + from + " to " + to
                + (from.isFinal() ? " (" + from + " is final)" : "; allowed from " + from + ": " + from.next()));
        this.from = from;
        this.to = to;
    }

    public MatchStatus from() {
        return from;
    }

    public MatchStatus to() {
        return to;
    }
}
