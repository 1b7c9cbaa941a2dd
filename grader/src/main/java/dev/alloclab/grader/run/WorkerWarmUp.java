package dev.alloclab.grader.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alloclab.core.trace.TraceSuite;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * What the grading JVM runs while it waits for the grader to finish compiling: one JUnit Jupiter
 * test, one short jqwik property and the parse of the kit's trace suite, through the same launcher
 * the real run uses. Loading and first-compiling the JUnit Platform, both engines, AssertJ and the
 * trace parser costs about half a second; done here, it overlaps with {@code javac} on the other
 * core instead of delaying the first exercise. No student class exists in the JVM yet, so nothing
 * here can meet student code, and its outcome is never reported.
 *
 * <p>INTERNAL: a test class only in form (it lives in main code so that it is on the grading JVM's
 * classpath); JUnit never finds it in a build because it does not end in {@code Test}.
 */
public final class WorkerWarmUp {
    @Test
    void the_engines_and_the_trace_parser_are_loaded() {
        assertThat(TraceSuite.performanceTraces()).isNotEmpty();
    }

    @Property(tries = 50)
    void a_property_runs(@ForAll @IntRange(min = 1, max = 1000) int size) {
        assertThat(size).isPositive();
    }
}
