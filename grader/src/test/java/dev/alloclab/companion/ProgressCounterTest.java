package dev.alloclab.companion;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alloclab.core.course.Curriculum;
import dev.alloclab.core.course.Exercise;
import dev.alloclab.core.course.ExerciseProgress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/** The counts behind the progress table when the watchdog stopped an exercise's run part-way. */
class ProgressCounterTest {
    @Test
    void a_stuck_test_is_a_failure_and_the_tests_after_it_that_never_ran_still_count_in_the_row() {
        // GIVEN buddy's run of five visible tests, whose first passed and whose second never returned
        Exercise buddy = Curriculum.named("buddy");
        TestPlan plan = FakeTestPlans.planOf(5, buddy.javaPackage() + ".BuddyAllocatorTest");
        List<TestIdentifier> tests = plan.getChildren(plan.getRoots().iterator().next()).stream().toList();
        ProgressCounter counter = new ProgressCounter();
        counter.testPlanExecutionStarted(plan);
        counter.executionStarted(tests.get(0));
        counter.executionFinished(tests.get(0), TestExecutionResult.successful());
        counter.executionStarted(tests.get(1));
        // WHEN the watchdog stops the run
        counter.stopped(Optional.of(tests.get(1)), Optional.of(buddy), "stopped after 1 s: your code did not return");
        // THEN the row reads 1 passed, 1 failed (the stuck test) and 3 not run, adding up to the exercise's 5 tests
        ExerciseProgress row = counter.result().progress().get(buddy);
        assertThat(List.of(row.passed(), row.failed(), row.notStarted())).containsExactly(1, 1, 3);
        assertThat(row.status()).isEqualTo(ExerciseProgress.Status.IN_PROGRESS);
        assertThat(counter.result().failures()).singleElement().asString()
                .isEqualTo("buddy: t1(): stopped after 1 s: your code did not return");
    }
}
