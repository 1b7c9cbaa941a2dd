package dev.alloclab.exercises.support;

import dev.alloclab.core.NotImplemented;
import java.util.Optional;
import org.opentest4j.TestAbortedException;

/**
 * Turns a {@link NotImplemented} thrown anywhere under a test into an aborted test: "not started"
 * is not "failed". Shared by the JUnit Jupiter extension and the jqwik hook.
 */
public final class NotStarted {
    /** Every "not started" message starts with this, so the progress listener can tell them apart. */
    public static final String PREFIX = "not started: write ";

    private NotStarted() {
    }

    /**
     * The marker behind {@code failure}, if there is one: in its cause chain, or printed in the
     * message of an assertion that caught it ({@code assertThatThrownBy(stack::pop).isInstanceOf(...)}
     * against a stub). The rule is core's {@link NotImplemented#foundIn}, which the grader uses too.
     */
    public static Optional<NotImplemented> markerIn(Throwable failure) {
        return NotImplemented.foundIn(failure);
    }

    /** The aborted-test exception for {@code marker}: one line naming the method to write. */
    public static TestAbortedException abort(NotImplemented marker) {
        return new TestAbortedException(PREFIX + marker.whatToWrite());
    }

    /** The method-to-write line inside an abort message made by {@link #abort}, if it is one. */
    public static Optional<String> whatToWrite(String abortMessage) {
        if (abortMessage != null && abortMessage.startsWith(PREFIX)) {
            return Optional.of(abortMessage.substring(PREFIX.length()));
        }
        return Optional.empty();
    }
}
