package dev.alloclab.companion;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The sentence check prints when the JVM shuts down under it. */
class ShutdownCauseTest {
    private static StackTraceElement frame(String type, String method, String file, int line) {
        return new StackTraceElement(type, method, file, line);
    }

    @Test
    void a_thread_inside_system_exit_means_the_code_called_it_and_names_the_caller() {
        // GIVEN the stack of a thread that called System.exit from BumpAllocator.alloc
        StackTraceElement[] exiting = {
            frame("java.lang.Thread", "join", "Thread.java", 1),
            frame("java.lang.Shutdown", "exit", "Shutdown.java", 173),
            frame("java.lang.Runtime", "exit", "Runtime.java", 115),
            frame("java.lang.System", "exit", "System.java", 1880),
            frame("dev.alloclab.exercises.bump.BumpAllocator", "alloc", "BumpAllocator.java", 41)};
        StackTraceElement[] other = {frame("java.lang.Object", "wait", null, -2)};
        // THEN the sentence blames System.exit at that line
        assertThat(ShutdownCause.sentence("bump", List.of(other, exiting)))
                .isEqualTo("bump: FAIL: the check stopped before the tests finished: the code called System.exit "
                        + "(at BumpAllocator.alloc (BumpAllocator.java:41)). Code under test must return or throw, never exit.");
    }

    @Test
    void without_a_thread_in_exit_the_run_was_stopped_from_outside_and_exit_is_not_blamed() {
        // GIVEN only the JVM's signal thread (Ctrl-C, kill, a CI time limit) and a busy test
        StackTraceElement[] signal = {
            frame("java.lang.Shutdown", "exit", "Shutdown.java", 173),
            frame("java.lang.Terminator$1", "handle", "Terminator.java", 51)};
        StackTraceElement[] busy = {frame("dev.alloclab.exercises.buddy.BuddyAllocator", "dealloc", "BuddyAllocator.java", 80)};
        // THEN the sentence says it was stopped from outside, and does not mention System.exit
        assertThat(ShutdownCause.sentence("buddy", List.of(signal, busy))).startsWith("buddy: FAIL: the check was "
                + "stopped from outside (Ctrl-C, kill, or the CI step's time limit)").doesNotContain("System.exit");
    }

    @Test
    void a_coverage_run_ended_by_an_own_tests_system_exit_names_the_test_that_called_it() {
        // GIVEN the stack of the student's own test that called System.exit (QA owntests27 finding 13: coverage named
        // no test, where the grade does)
        StackTraceElement[] exiting = {
            frame("java.lang.Runtime", "exit", "Runtime.java", 115),
            frame("java.lang.System", "exit", "System.java", 1880),
            frame("dev.alloclab.exercises.refcount.RefCountedNodesStudentTest", "leaves",
                    "RefCountedNodesStudentTest.java", 12)};
        assertThat(ShutdownCause.coverageSentence("refcount", List.<StackTraceElement[]>of(exiting))).isEqualTo("refcount: coverage not "
                + "measured: your tests stopped before they finished: the code called System.exit (at "
                + "RefCountedNodesStudentTest.leaves (RefCountedNodesStudentTest.java:12)). Code under test must return or "
                + "throw, never exit.");
        assertThat(ShutdownCause.coverageSentence("refcount", List.of())).startsWith("refcount: coverage not measured: "
                + "the run was stopped from outside");
    }
}
