package dev.alloclab.exercises.support;

import dev.alloclab.core.NotImplemented;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropagationMode;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * The jqwik side of {@link NotStartedExtension}: a property whose failure comes from a stub's
 * {@code NotImplemented} is reported as aborted ("not started"), not failed; one whose failure is a stack
 * overflow in the student's code gets {@link RunawayRecursion}'s sentence.
 *
 * <p>Registered globally through {@code META-INF/services/net.jqwik.api.lifecycle.LifecycleHook}.
 *
 * <p>jqwik remembers an aborted property like a failed one and, on the next run, logs that it
 * replays the previous sample first: two lines of java.util.logging per not-started property on
 * every run. Loading this hook turns that one logger down to warnings; failures still replay
 * their sample first, quietly.
 */
public final class NotStartedPropertyHook implements AroundPropertyHook {
    /**
     * Loaded with the hook, not at its first "not started": jqwik keeps the first hook it registers for the rest of the
     * JVM, and a companion that ran one exercise's check from a folder it then deleted (every {@code check} does)
     * could no longer load this class from there when a later run's property stopped at a stub.
     */
    private static final Class<NotStarted> MARKERS = NotStarted.class;
    /** Held so the logger (and its level) is not garbage-collected. */
    private static final Logger AFTER_FAILURE_LOG = quiet("net.jqwik.engine.execution.AfterFailureParametersGenerator");

    private static Logger quiet(String name) {
        Logger logger = Logger.getLogger(name);
        logger.setLevel(Level.WARNING);
        return logger;
    }

    @Override
    public PropagationMode propagateTo() {
        return PropagationMode.ALL_DESCENDANTS;
    }

    @Override
    public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
        PropertyExecutionResult result = property.execute();
        if (result.status() == PropertyExecutionResult.Status.FAILED) {
            Optional<NotImplemented> marker = result.throwable().flatMap(NotStarted::markerIn);
            if (marker.isPresent()) {
                return result.mapToAborted(NotStarted.abort(marker.get()));
            }
            Optional<AssertionError> overflow = result.throwable().flatMap(RunawayRecursion::from);
            if (overflow.isPresent()) {
                return result.mapToFailed(overflow.get());
            }
        }
        return result;
    }
}
