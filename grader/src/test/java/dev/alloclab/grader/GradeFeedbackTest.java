package dev.alloclab.grader;

import static dev.alloclab.grader.BugCollectionTest.grade;
import static dev.alloclab.grader.BugCollectionTest.part;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The grade's feedback for the mistakes of a student in week 3 (QA "struggler"): each says what to do, names
 * the student's own code, says it once, and never shows the hidden suite's file, lines or trace syntax.
 * Expected names come from the planted mistake (the method a test never calls, the method renamed), not from a run.
 */
class GradeFeedbackTest {
    private static final String BUMP_TEST = "src/test/java/dev/alloclab/exercises/bump/BumpAllocatorStudentTest.java";
    private static final String IMPLICIT_TEST =
            "src/test/java/dev/alloclab/exercises/implicitlist/ImplicitFreeListAllocatorStudentTest.java";

    @TempDir
    Path temp;

    @Test
    void each_mistake_gets_feedback_a_student_can_act_on_and_says_it_once() {
        // GIVEN the solutions with four mistakes:
        Path submission = KitSubmissions.copyOfSolutions(temp, "struggler");
        // bump: own tests that only allocate (never usableSize, reset or regions), one of them wrong
        KitSubmissions.write(submission, BUMP_TEST, """
                package dev.alloclab.exercises.bump;

                import static org.assertj.core.api.Assertions.assertThat;

                import dev.alloclab.core.memory.HeapBytes;
                import org.junit.jupiter.api.Test;

                class BumpAllocatorStudentTest {
                    @Test
                    void two_allocs_do_not_overlap() {
                        BumpAllocator bump = new BumpAllocator(HeapBytes.withMax(1024));
                        assertThat(bump.alloc(5)).isLessThan(bump.alloc(20));
                    }

                    @Test
                    void a_wrong_guess() {
                        BumpAllocator bump = new BumpAllocator(HeapBytes.withMax(1024));
                        assertThat(bump.alloc(8)).isEqualTo(999);
                    }
                }
                """);
        // stack-frames: frameCount() renamed in its declaration only
        KitSubmissions.patch(submission, "stackframes/FrameStack.java", "public int frameCount()", "public int frames()");
        // implicit-list: an own test that does not compile
        KitSubmissions.write(submission, IMPLICIT_TEST, """
                package dev.alloclab.exercises.implicitlist;

                class ImplicitFreeListAllocatorStudentTest {
                    @org.junit.jupiter.api.Test
                    void calls_what_does_not_exist() {
                        new ImplicitFreeListAllocator(dev.alloclab.core.memory.HeapBytes.withMax(64)).noSuchMethod();
                    }
                }
                """);
        // buddy: payloads 4 bytes off alignment, which the random workout's validator catches at its first call
        KitSubmissions.patch(submission, "buddy/BuddyAllocator.java", "return base + offset + HEADER_BYTES;",
                "return base + offset + HEADER_BYTES + 4;");
        // explicit-list: next fit left as a stub
        KitSubmissions.patch(submission, "explicitlist/ExplicitFreeListAllocator.java",
                "        if (placement == Placement.NEXT_FIT) {\n",
                "        if (placement == Placement.NEXT_FIT) {\n"
                        + "            if (placement != null) throw dev.alloclab.core.NotImplemented.yet(\"next fit: TODO\");\n");

        // WHEN it is graded
        GradeReport report = Grader.grade(submission,
                KitSubmissions.rubricFor(60, "stack-frames", "bump", "implicit-list", "explicit-list", "buddy"));

        // THEN bump's coverage names methods the own tests never called, the command to see the lines, and the
        // own test that failed, with what it expected
        ExerciseGrade bump = grade(report, "bump");
        String bumpFeedback = String.join("\n", bump.feedback());
        assertThat(bumpFeedback).as("bump feedback").contains("Not reached by your tests: ", "BumpAllocator.usableSize",
                "BumpAllocator.reset", "./alloclab coverage bump").doesNotContain("test the paths you have not reached");
        assertThat(part(bump, "coverage").details()).as("bump coverage details")
                .anySatisfy(d -> assertThat(d).contains("BumpAllocatorStudentTest", "a_wrong_guess", "999"))
                .noneSatisfy(d -> assertThat(d).contains("two_allocs_do_not_overlap"));

        // AND stack-frames says what is missing, in the student's words, under a status that does not say
        // "compile error" next to "your classes compile"
        ExerciseGrade frames = grade(report, "stack-frames");
        String framesText = String.join("\n", frames.feedback());
        assertThat(frames.status()).isEqualTo(ExerciseGrade.MISSING_API);
        assertThat(framesText).contains("method frameCount() of FrameStack is missing (the grader's tests call it)",
                "keep the starter's class and method names and signatures")
                .doesNotContain("FrameStackHiddenTest", ".java:", "variable stack", "hidden suite");
        assertThat(frames.feedback().stream().filter(f -> f.contains("frameCount()")).count())
                .as("lines naming frameCount() (the hidden suite calls it in many places): %s", frames.feedback())
                .isEqualTo(1);

        // AND implicit-list's own test that does not compile is reported once
        ExerciseGrade implicit = grade(report, "implicit-list");
        assertThat(everything(implicit).stream().filter(line -> line.contains("noSuchMethod")).count())
                .as("lines naming the compile error of the own test: %s", everything(implicit)).isEqualTo(1);
        assertThat(part(implicit, "coverage").summary()).contains("your tests do not compile");

        // AND buddy's workout failure speaks of calls, not of trace lines the student never had
        List<String> buddyHidden = part(grade(report, "buddy"), "hidden").details();
        assertThat(buddyHidden).as("buddy's hidden details").anySatisfy(d -> assertThat(d)
                .contains("misaligned payload at call 1 of the workout: alloc(", ") (block #0)"));
        assertThat(String.join("\n", buddyHidden)).as("buddy's hidden details").doesNotContainPattern("\\(a \\d+ \\d+\\)")
                .doesNotContain("run the trace under a debugger");

        // AND explicit-list lists the tests that stop at the stub apart from the failures, and no summary line
        // repeats the list
        ExerciseGrade explicit = grade(report, "explicit-list");
        List<String> explicitHidden = part(explicit, "hidden").details();
        assertThat(explicitHidden).as("explicit-list's hidden details")
                .anySatisfy(d -> assertThat(d).contains("stop at a stub still to write: next fit"))
                .noneSatisfy(d -> assertThat(d).startsWith("failed:").contains("not started"));
        assertThat(part(explicit, "coverage").details()).as("explicit-list's own tests that stop at the stub are not "
                + "failures either").noneSatisfy(d -> assertThat(d).contains("not started"));
        for (ExerciseGrade e : report.exercises()) {
            assertThat(e.feedback()).as("%s's feedback", e.id())
                    .noneSatisfy(f -> assertThat(f).contains("(its message is listed above)"));
        }
    }

    @Test
    void a_stopped_exercise_that_printed_past_the_cap_says_how_much_it_printed() {
        // GIVEN refcount with a debug line printed in a loop that never ends
        Path submission = KitSubmissions.copyOfSolutions(temp, "printer");
        KitSubmissions.patch(submission, "refcount/RefCountedNodes.java", "        int current = node;\n",
                "        int current = node;\n        for (long i = 0; i >= 0; i++) {\n"
                        + "            System.out.println(\"DEBUG release \" + node + \" i=\" + i);\n        }\n");
        // WHEN it is graded with a short time limit
        ExerciseGrade refcount = grade(Grader.grade(submission, KitSubmissions.rubricFor(5, "refcount")), "refcount");
        // THEN the test that ran into the exercise's limit says the code printed far more than was kept, and what to
        // do (its own tests met the loop first: the hidden suite then ran on its own, where it was stopped too)
        assertThat(everything(refcount)).as("refcount: %s", everything(refcount)).anyMatch(line -> line.contains(
                "stopped after 5 s") && line.contains("Your code printed ") && line.contains(
                "only the first 64 KiB were kept: remove the debug printing, it can be what made it too slow"));
        assertThat(refcount.feedback()).anyMatch(line -> line.contains("so your code itself is too slow or does not "
                + "return"));
    }

    @Test
    void a_checked_heap_report_of_a_hidden_test_names_the_student_s_lines_not_the_suite_s() {
        // GIVEN refcount whose newNode leaves next unwritten: fresh bytes read as 0, a valid index, so a release walks
        // into node 0 after freeing it
        Path submission = KitSubmissions.copyOfSolutions(temp, "sites");
        KitSubmissions.patch(submission, "refcount/RefCountedNodes.java",
                "        heap.writeInt(node + NEXT_OFFSET, Allocator.NULL);\n", "");
        // WHEN it is graded
        ExerciseGrade refcount = grade(Grader.grade(submission, KitSubmissions.rubricFor(60, "refcount")), "refcount");
        // THEN the use-after-free reports give the student's own methods and lines for the allocation, the free and
        // the read (all three kept under the message cap), never the hidden suite's, and ask for no labels
        String hidden = String.join("\n", part(refcount, "hidden").details());
        assertThat(hidden).as("refcount's hidden details").contains("use-after-free")
                .containsPattern("allocated by +alloc\\(12\\) +step \\d+ +RefCountedNodes\\.newNode \\(RefCountedNodes\\.java:\\d+\\)")
                .containsPattern("freed by +dealloc\\(0\\) +step \\d+ +RefCountedNodes\\.release \\(RefCountedNodes\\.java:\\d+\\)")
                .containsPattern("read here +step \\d+ +RefCountedNodes\\.\\w+ \\(RefCountedNodes\\.java:\\d+\\)")
                .doesNotContain("no site", "captureCallerSites", "HiddenTest.java", "TrackingHeap");
    }

    @Test
    void an_allocator_that_throws_inside_a_hidden_tests_wrapper_is_named_by_its_own_line_not_the_suites() {
        // GIVEN implicit-list whose dealloc looks for the header 16 bytes too far back: the first block's is at a
        // negative index, so HeapBytes throws inside the student's dealloc, which a hidden test calls through a
        // wrapper of its own (the sentence named that wrapper's class, file and line before)
        Path submission = KitSubmissions.copyOfSolutions(temp, "wrapped");
        KitSubmissions.patch(submission, "implicitlist/ImplicitFreeListAllocator.java",
                "        int block = index - TAG_BYTES;\n        int size = blockSize(heap.readInt(block));",
                "        int block = index - TAG_BYTES - 16;\n        int size = blockSize(heap.readInt(block));");
        // WHEN it is graded
        ExerciseGrade implicit = grade(Grader.grade(submission, KitSubmissions.rubricFor(60, "implicit-list")),
                "implicit-list");
        // THEN every sentence that says where the allocator threw names the student's dealloc, and nothing names
        // a hidden suite's file or line
        String all = String.join("\n", everything(implicit));
        assertThat(all).as("implicit-list's grade").contains("The allocator's code was at ImplicitFreeListAllocator.dealloc"
                + " (ImplicitFreeListAllocator.java:").doesNotContain("HiddenTest.java", "HiddenTest$")
                .as("no sentence had to fall back on the grader's net (HiddenSuites.withoutSourceLines)")
                .doesNotContain("the grader's test code");
    }

    /** Every line of an exercise's grade: part summaries, their details, the feedback. */
    private static List<String> everything(ExerciseGrade grade) {
        List<String> lines = new ArrayList<>();
        for (PartGrade p : grade.parts()) {
            lines.add(p.summary());
            lines.addAll(p.details());
        }
        lines.addAll(grade.feedback());
        return lines;
    }

    @Test
    void performance_not_measured_names_the_hidden_test_that_blocks_it() {
        // GIVEN segregated-fits whose realloc(i, 0) keeps the block (one edge case: one hidden test fails)
        Path submission = KitSubmissions.copyOfSolutions(temp, "one-edge-case");
        KitSubmissions.patch(submission, "segregated/SegregatedFitsAllocator.java",
                "if (size == 0) {\n            dealloc(index);\n            return NULL;",
                "if (false) {\n            dealloc(index);\n            return NULL;");
        // WHEN it is graded
        ExerciseGrade segregated = BugCollectionTest.grade(Grader.grade(submission,
                KitSubmissions.rubricFor(60, "segregated-fits")), "segregated-fits");
        // THEN the performance part, worth most of the exercise, says which test to fix first for it to be measured
        assertThat(BugCollectionTest.part(segregated, "performance").summary())
                .isEqualTo("not measured: every hidden test must pass first (not passing: basic_contract())");
    }
}
