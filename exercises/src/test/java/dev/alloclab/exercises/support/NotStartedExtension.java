package dev.alloclab.exercises.support;

import dev.alloclab.core.NotImplemented;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * JUnit Jupiter extension: a test (or its {@code @BeforeEach}/{@code @AfterEach}) that reaches a
 * stub's {@code NotImplemented} is aborted, shown as skipped with the line that names the
 * method to write. A stack overflow in the student's code becomes a failure with a sentence
 * ({@link RunawayRecursion}); every other throwable is rethrown unchanged, so real failures stay red.
 *
 * <p>Registered for every test through Jupiter's extension autodetection
 * ({@code junit-platform.properties} and {@code META-INF/services}).
 */
public final class NotStartedExtension implements TestExecutionExceptionHandler, LifecycleMethodExecutionExceptionHandler {
    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        throw translate(throwable);
    }

    @Override
    public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        throw translate(throwable);
    }

    @Override
    public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        throw translate(throwable);
    }

    @Override
    public void handleAfterEachMethodExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        throw translate(throwable);
    }

    @Override
    public void handleAfterAllMethodExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        throw translate(throwable);
    }

    private static Throwable translate(Throwable throwable) {
        Optional<NotImplemented> marker = NotStarted.markerIn(throwable);
        if (marker.isPresent()) {
            return NotStarted.abort(marker.get());
        }
        return RunawayRecursion.from(throwable).<Throwable>map(told -> told).orElse(throwable);
    }
}
