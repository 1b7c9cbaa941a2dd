package dev.alloclab.core.check;

import dev.alloclab.core.Checks;
import dev.alloclab.core.KitException;

/**
 * Thrown by a checked heap in {@link CheckedHeap.OnViolation#THROW} mode when the program makes
 * a memory mistake. The operation that made it was not performed. The message is the full
 * report; {@link #violation()} holds the facts.
 */
public final class ViolationException extends KitException {
    private static final long serialVersionUID = 1L;

    private final transient Violation violation;

    public ViolationException(Violation violation) {
        super(ViolationReport.render(Checks.notNull(violation, "violation")));
        this.violation = violation;
    }

    /** What went wrong, where, and which blocks it concerns. */
    public Violation violation() {
        return violation;
    }
}
