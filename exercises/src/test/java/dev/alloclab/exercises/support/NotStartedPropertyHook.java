package dev.alloclab.exercises.support;

import dev.alloclab.core.NotImplemented;
import java.util.Optional;
import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropagationMode;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * The jqwik side of {@link NotStartedExtension}: a property whose failure comes from a stub's
 * {@code NotImplemented} is reported as aborted ("not started"), not failed.
 *
 * <p>Registered globally through {@code META-INF/services/net.jqwik.api.lifecycle.LifecycleHook}.
 */
public final class NotStartedPropertyHook implements AroundPropertyHook {
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
        }
        return result;
    }
}
