package dev.alloclab.companion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.alloclab.testing.KitRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/** The one line check, progress and watch show for a failed visible test. */
class FailureLineTest {

    @Test
    void an_assertj_label_line_is_joined_with_the_values_under_it() {
        // GIVEN AssertJ's failure for a test that expected one exception and got another
        Throwable failure = catchThrowable(() -> assertThatThrownBy(() -> {
            throw new IllegalArgumentException("negative size");
        }).isInstanceOf(IllegalStateException.class));
        // WHEN it is shortened to one line
        String line = FailureLine.of(failure);
        // THEN the line says what was expected and what was thrown, without the stack trace
        assertThat(line).startsWith("Expecting actual throwable to be an instance of: java.lang.IllegalStateException")
                .contains("but was: java.lang.IllegalArgumentException: negative size")
                .doesNotContain("\n").doesNotContain(" at ").doesNotContain("remaining lines");
    }

    @Test
    void expected_keeps_its_but_was() {
        // GIVEN AssertJ's isEqualTo failure, whose "but was" is on the second line
        Throwable failure = catchThrowable(() -> assertThat(0).isEqualTo(13));
        // THEN both values are on the line
        assertThat(FailureLine.of(failure)).isEqualTo("expected: 13 but was: 0");
    }

    @Test
    void a_description_keeps_the_values_under_it() {
        // GIVEN a described containsExactly failure (the vec that forgot to free its old buffer)
        Throwable failure = catchThrowable(() -> assertThat(List.of(8, 32)).as("blocks the vec owns").containsExactly(32));
        // THEN the line has the description, the actual and the unexpected elements, and stops at the blank line
        assertThat(FailureLine.of(failure)).startsWith("[blocks the vec owns] Expecting actual: [8, 32]")
                .contains("but some elements were not expected: [8]").doesNotContain("when comparing");
    }

    @Test
    void a_message_assertion_stops_before_the_stack_trace_that_follows_the_blank_line() {
        Throwable failure = catchThrowable(() -> assertThatThrownBy(() -> {
            throw new IllegalStateException("stack is empty");
        }).hasMessageContaining("pop"));
        assertThat(FailureLine.of(failure))
                .isEqualTo("Expecting throwable message: \"stack is empty\" to contain: \"pop\" but did not.");
    }

    @Test
    void a_long_message_is_cut_and_an_exception_without_a_message_gives_its_type_without_null() {
        assertThat(FailureLine.of(new AssertionError("x".repeat(500)))).hasSize(FailureLine.MAX_MESSAGE).endsWith("...");
        assertThat(FailureLine.of(new StackOverflowError())).isEqualTo("StackOverflowError");
    }

    @Test
    void an_exception_from_the_students_code_keeps_its_type_and_names_the_student_frames() {
        // GIVEN an exception thrown in a helper of IntVec, called from IntVec.grow, called from the test
        IllegalStateException thrown = new IllegalStateException("bad index -1");
        thrown.setStackTrace(new StackTraceElement[] {
            new StackTraceElement("dev.alloclab.exercises.vec.IntVec", "checkIndex", "IntVec.java", 105),
            new StackTraceElement("dev.alloclab.exercises.vec.IntVec", "grow", "IntVec.java", 68),
            new StackTraceElement("dev.alloclab.exercises.vec.IntVec", "push", "IntVec.java", 40),
            new StackTraceElement("dev.alloclab.exercises.vec.IntVecTest", "the_first_push", "IntVecTest.java", 33)});
        // THEN the line names the type, the message, and the two top frames of the student's code
        assertThat(FailureLine.of(thrown)).isEqualTo("IllegalStateException: bad index -1 (thrown at IntVec.checkIndex "
                + "(IntVec.java:105), called from IntVec.grow (IntVec.java:68))");
    }

    @Test
    void a_test_stopped_by_the_time_limit_names_the_students_frame_its_thread_was_in() {
        // GIVEN JUnit's timeout, whose cause carries the stack of the test's thread, stuck in the student's walk
        Throwable stuck = new RuntimeException("Execution timed out in thread junit-timeout-thread-1");
        stuck.setStackTrace(new StackTraceElement[] {
            new StackTraceElement("dev.alloclab.exercises.implicitlist.ImplicitFreeListAllocator", "alloc",
                    "ImplicitFreeListAllocator.java", 103),
            new StackTraceElement("dev.alloclab.exercises.implicitlist.ImplicitFreeListAllocatorTest", "grows",
                    "ImplicitFreeListAllocatorTest.java", 102)});
        TimeoutException timeout = new TimeoutException("grows() timed out after 10 seconds");
        timeout.initCause(stuck);
        // THEN the line says it did not return, and where the student's code was: the loop to look at
        assertThat(FailureLine.of(timeout)).isEqualTo("stopped after 10 s: " + FailureLine.DID_NOT_RETURN
                + " (it was in ImplicitFreeListAllocator.alloc (ImplicitFreeListAllocator.java:103))");
    }

    @Test
    void a_message_of_several_lines_has_a_full_report_with_every_line_and_one_of_one_line_has_none() {
        // GIVEN a checked heap's report: a first line, details, a map after a blank line, then what to do
        IllegalStateException violation = new IllegalStateException("""
                use-after-free: READ of 4 bytes at heap index 8
                  8 is the start of the 16-byte block #1 [8, 24), which has been freed


                      0       8
                heap  hhhhhhhhffffffff

                What to do: move dealloc(8) after the last use of the block.
                """);
        violation.setStackTrace(new StackTraceElement[] {
            new StackTraceElement("dev.alloclab.exercises.vec.IntVec", "push", "IntVec.java", 59)});
        // WHEN its full report is made
        List<String> report = FailureLine.fullReport(violation);
        // THEN what was thrown and where, then every line as written (one blank line between sections)
        assertThat(report).containsExactly("IllegalStateException (thrown at IntVec.push (IntVec.java:59))",
                "use-after-free: READ of 4 bytes at heap index 8",
                "  8 is the start of the 16-byte block #1 [8, 24), which has been freed",
                "",
                "      0       8",
                "heap  hhhhhhhhffffffff",
                "",
                "What to do: move dealloc(8) after the last use of the block.");
        // AND a one-line message has none: its line says it all
        assertThat(FailureLine.fullReport(new IllegalStateException("bad index -1"))).isEmpty();
    }

    @Test
    void frames_of_tests_and_of_the_test_support_are_not_the_students_code() {
        assertThat(FailureLine.isOwnCode("dev.alloclab.exercises.vec.IntVec")).isTrue();
        assertThat(FailureLine.isOwnCode("dev.alloclab.exercises.vec.IntVec$Metadata")).isTrue();
        assertThat(FailureLine.isOwnCode("dev.alloclab.exercises.vec.IntVecTest")).isFalse();
        assertThat(FailureLine.isOwnCode("dev.alloclab.exercises.vec.IntVecStudentTest$1")).isFalse();
        assertThat(FailureLine.isOwnCode("dev.alloclab.exercises.support.HeapHarness")).isFalse();
        assertThat(FailureLine.isOwnCode("dev.alloclab.exercises.explicitlist.ReferenceLockstep")).isFalse();
        assertThat(FailureLine.isOwnCode("dev.alloclab.exercises.explicitlist.ReferenceLockstep$Placement")).isFalse();
        assertThat(FailureLine.isOwnCode("dev.alloclab.core.memory.HeapBytes")).isFalse();
        AssertionError inTheTest = new AssertionError("expected: 1");
        inTheTest.setStackTrace(new StackTraceElement[] {
            new StackTraceElement("dev.alloclab.exercises.vec.IntVecTest", "t", "IntVecTest.java", 3)});
        assertThat(FailureLine.of(inTheTest)).isEqualTo("expected: 1");
    }

    @Test
    void jupiters_time_limit_reads_as_code_that_did_not_return() {
        assertThat(FailureLine.of(new TimeoutException("a_test() timed out after 20 seconds")))
                .isEqualTo("stopped after 20 s: " + FailureLine.DID_NOT_RETURN);
        assertThat(FailureLine.of(new TimeoutException("a_test() timed out after 3000 milliseconds")))
                .startsWith("stopped after 3 s: your code did not return");
    }

    @Test
    void a_not_started_test_names_the_method_to_write_once() {
        assertThat(ProgressCounter.whatToWrite(new TestAbortedException("not started: write next fit: TODO")))
                .isEqualTo("next fit: TODO");
        assertThat(ProgressCounter.whatToWrite(new TestAbortedException("assumption failed"))).isEqualTo("assumption failed");
    }

    @Test
    void javacs_message_keeps_the_symbol_and_location_lines() {
        assertThat(ExerciseCompiler.oneLine("cannot find symbol\n  symbol:   method sizeClassOf(int)\n"
                + "  location: class SegregatedFitsAllocator")).isEqualTo("cannot find symbol; symbol: method "
                + "sizeClassOf(int); location: class SegregatedFitsAllocator");
        // a first line that ends in ';' gets no second one
        assertThat(ExerciseCompiler.oneLine("method checkSize in class AllocationRequests cannot be applied to given "
                + "types;\n  required: java.lang.String,long\n  found:    int")).isEqualTo("method checkSize in class "
                + "AllocationRequests cannot be applied to given types; required: java.lang.String,long; found: int");
    }

    @Test
    void every_visible_test_helper_outside_the_support_package_is_known_as_the_kits() throws IOException {
        // GIVEN the exercises' visible test sources
        Path tests = KitRoot.resolve("exercises/src/test/java/dev/alloclab/exercises");
        try (Stream<Path> files = Files.walk(tests)) {
            List<String> helpers = files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> !f.getParent().getFileName().toString().equals("support"))
                    .map(f -> f.getFileName().toString().replace(".java", ""))
                    .filter(name -> !name.endsWith("Test") && !name.endsWith("Tests"))
                    .toList();
            // THEN each one that a name cannot tell from the student's code is listed, so its frames are not called theirs
            assertThat(FailureLine.KIT_TEST_HELPERS).containsExactlyInAnyOrderElementsOf(helpers);
        }
    }
}
