package dev.alloclab.core.check;

import dev.alloclab.core.Checks;
import dev.alloclab.core.KitException;

/** Thrown by {@link AllocatorValidator} (and {@link ValidatingAllocator}) at the first broken rule. */
public final class ValidationException extends KitException {
    private static final long serialVersionUID = 1L;

    private final transient ValidationFailure failure;

    public ValidationException(ValidationFailure failure) {
        super(Checks.notNull(failure, "failure").report());
        this.failure = failure;
    }

    /** The facts of the failure. */
    public ValidationFailure failure() {
        return failure;
    }
}
