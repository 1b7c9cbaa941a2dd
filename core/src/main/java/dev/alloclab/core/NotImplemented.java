package dev.alloclab.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The marker an exercise stub throws from a method the student has not written yet.
 *
 * <p>The exercises' test extension turns it into a skipped ("not started") test rather than a
 * failure, so a fresh checkout is green and the progress table can tell "not started" from
 * "broken". Write stubs as:
 *
 * <pre>{@code
 * public int alloc(int size) {
 *     throw NotImplemented.yet("BumpAllocator.alloc: hand out the next 8-byte aligned index");
 * }
 * }</pre>
 */
public final class NotImplemented extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Every marker's message starts with this. */
    private static final String MESSAGE_PREFIX = "not implemented yet: ";
    /**
     * How a marker appears inside an assertion's message, as its {@code toString()}: AssertJ's
     * {@code assertThatThrownBy(...).isInstanceOf(...)} prints the throwable it caught that way
     * ("but was: dev.alloclab.core.NotImplemented: not implemented yet: ...") and keeps no cause.
     */
    private static final String AS_PRINTED = NotImplemented.class.getName() + ": " + MESSAGE_PREFIX;

    private final String whatToWrite;

    private NotImplemented(String whatToWrite) {
        super(MESSAGE_PREFIX + whatToWrite);
        this.whatToWrite = whatToWrite;
    }

    /** Returns (does not throw) the marker, so a stub reads {@code throw NotImplemented.yet(...)}. */
    public static NotImplemented yet(String whatToWrite) {
        return new NotImplemented(Checks.notBlank(whatToWrite, "whatToWrite"));
    }

    /** The one line that tells the student which method to write and what it must do. */
    public String whatToWrite() {
        return whatToWrite;
    }

    /** True if {@code failure} or one of its causes is this marker, or an assertion that caught one (see {@link #foundIn}). */
    public static boolean isCauseOf(Throwable failure) {
        return foundIn(failure).isPresent();
    }

    /**
     * The marker behind {@code failure}: {@code failure} itself or one of its causes, or else the
     * marker that an assertion error in that chain caught and printed in its message. The second
     * case is a test like {@code assertThatThrownBy(stack::pop).isInstanceOf(IllegalStateException.class)}
     * run against a stub: AssertJ fails with "Expecting actual throwable to be an instance of: ...
     * but was: dev.alloclab.core.NotImplemented: not implemented yet: FrameStack.pop: ..." and no
     * cause, yet the student has not written {@code pop} yet, which is "not started", not "failed".
     * Such a marker is rebuilt from the printed line.
     */
    public static Optional<NotImplemented> foundIn(Throwable failure) {
        List<Throwable> chain = chainOf(failure);
        for (Throwable t : chain) {
            if (t instanceof NotImplemented marker) {
                return Optional.of(marker);
            }
        }
        for (Throwable t : chain) {
            if (t instanceof AssertionError) {
                Optional<NotImplemented> printed = printedIn(messageOf(t));
                if (printed.isPresent()) {
                    return printed;
                }
            }
        }
        return Optional.empty();
    }

    /** {@code t}'s message, or null when its (overridden) {@code getMessage} throws. */
    private static String messageOf(Throwable t) {
        try {
            return t.getMessage();
        } catch (RuntimeException | StackOverflowError e) {
            return null;
        }
    }

    /** The most causes {@link #chainOf} follows. */
    static final int MAX_CHAIN = 64;

    /**
     * {@code failure} and its causes, each once, at most {@link #MAX_CHAIN}: an exception from the student's code may
     * override {@code getCause} to make a ring (which a plain walk would follow for ever) or to throw.
     */
    static List<Throwable> chainOf(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = failure; t != null && chain.size() < MAX_CHAIN && seen.add(t); ) {
            chain.add(t);
            try {
                t = t.getCause();
            } catch (RuntimeException | StackOverflowError e) {
                t = null;
            }
        }
        return chain;
    }

    /** A marker printed as {@code dev.alloclab.core.NotImplemented: not implemented yet: WHAT} in {@code message}. */
    private static Optional<NotImplemented> printedIn(String message) {
        int at = message == null ? -1 : message.indexOf(AS_PRINTED);
        if (at < 0) {
            return Optional.empty();
        }
        int from = at + AS_PRINTED.length();
        int end = from;
        while (end < message.length() && message.charAt(end) != '\n' && message.charAt(end) != '\r') {
            end++;
        }
        String whatToWrite = message.substring(from, end).strip();
        return whatToWrite.isEmpty() ? Optional.empty() : Optional.of(new NotImplemented(whatToWrite));
    }
}
