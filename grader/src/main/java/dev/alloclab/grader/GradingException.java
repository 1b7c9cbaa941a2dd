package dev.alloclab.grader;

import dev.alloclab.core.KitException;

/**
 * Bad input to the grader (a missing submission folder, an unreadable rubric): the message is one
 * sentence an instructor can act on. The command line prints it and exits 2.
 */
public class GradingException extends KitException {
    private static final long serialVersionUID = 1L;

    public GradingException(String message) {
        super(message);
    }

    public GradingException(String message, Throwable cause) {
        super(message, cause);
    }
}
