package dev.alloclab.core;

/**
 * An error whose message is written for the learner or the instructor who will read it.
 *
 * <p>Every message answers three questions, in this order: what went wrong (first line, in the
 * model's words), where (the heap index, the block, the step), and what to do next. The command
 * line prints only the message of a {@code KitException}, never its stack trace, because the
 * fault it describes is in the caller's program or input, not in alloclab. Any other exception
 * that reaches the command line is treated as a bug in alloclab and printed in full.
 */
public class KitException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public KitException(String message) {
        super(message);
    }

    public KitException(String message, Throwable cause) {
        super(message, cause);
    }
}
