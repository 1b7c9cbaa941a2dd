package dev.alloclab.grader.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.EngineDescriptor;
import org.junit.platform.launcher.TestIdentifier;

/** The test names the grading JVM sends back: text that reaches the student's feedback, so capped. */
class GradingWorkerTestNameTest {
    @Test
    void test_names_are_capped_like_failure_messages() {
        // GIVEN a test whose display name is 5,000 characters long (an engine or @DisplayName can make one)
        String longName = "x".repeat(5000);
        TestIdentifier id = TestIdentifier.from(new EngineDescriptor(UniqueId.forEngine("e"), longName));
        // WHEN the worker names it / THEN the name is cut at 600 characters and says so
        assertThat(GradingWorker.nameOf(null, id)).hasSize(603).endsWith("x...");
        // AND a short name is kept whole
        assertThat(GradingWorker.nameOf(null, TestIdentifier.from(new EngineDescriptor(UniqueId.forEngine("e"), "short()"))))
                .isEqualTo("short()");
    }
}
