package dev.alloclab.grader;

import static dev.alloclab.grader.BugCollectionTest.grade;
import static org.assertj.core.api.Assertions.assertThat;

import dev.alloclab.cli.StudentCommand;
import dev.alloclab.export.StarterExporter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each exercise is compiled and loaded on its own, so one exercise may not use another's classes. A learner's
 * segregated-fits that reuses the implicit list's allocator (QA session 17, finding 1) got "package ... does not
 * exist" from {@code check} and {@code NoClassDefFoundError} on every hidden test from the grader; both now say the
 * rule in one sentence, at the line that breaks it.
 */
class SiblingExerciseTest {
    private static final String SEGREGATED = "src/main/java/dev/alloclab/exercises/segregated/SegregatedFitsAllocator.java";
    private static final String CONSTRUCTOR = "public SegregatedFitsAllocator(HeapBytes heap) {";
    private static final String REUSE = "        Object reused = new dev.alloclab.exercises.implicitlist.ImplicitFreeListAllocator(heap);";
    private static final String SENTENCE = " uses dev.alloclab.exercises.implicitlist, another exercise's package: each "
            + "exercise is compiled on its own, so copy what you need into this exercise's package (or a helper outside "
            + "the exercise packages)";

    @TempDir
    Path temp;

    @ParameterizedTest(name = "graded with {0}")
    @ValueSource(strings = {"implicit-list,segregated-fits", "segregated-fits"})
    void the_grader_scores_code_that_uses_another_exercises_class_as_a_compile_error_naming_the_rule(String graded)
            throws IOException {
        // GIVEN the solutions, with a segregated-fits allocator whose constructor makes an implicit-list allocator
        Path submission = KitSubmissions.copyOfSolutions(temp, "reuse");
        int line = reuse(submission.resolve(SEGREGATED));
        // WHEN it is graded, with the implicit list (both compiled in one javac call) or alone (javac cannot see it)
        ExerciseGrade segregated = grade(Grader.grade(submission, KitSubmissions.rubricFor(60, graded.split(","))),
                "segregated-fits");
        // THEN a compile error of this exercise, in one sentence at the line, not hidden tests dying of NoClassDefFoundError
        assertThat(segregated.status()).isEqualTo(ExerciseGrade.COMPILE_ERROR);
        assertThat(segregated.score()).isZero();
        assertThat(String.join("\n", segregated.feedback())).contains("SegregatedFitsAllocator.java:" + line + SENTENCE)
                .doesNotContain("NoClassDefFoundError", "does not exist");
    }

    @Test
    void check_says_the_same_sentence_instead_of_package_does_not_exist() throws IOException {
        // GIVEN an exported starter whose segregated-fits constructor makes the implicit list's allocator
        Path starter = temp.resolve("starter");
        StarterExporter.export(starter, null);
        int line = reuse(starter.resolve(SEGREGATED));
        // WHEN segregated-fits is checked
        StringWriter out = new StringWriter();
        int exit = StudentCommand.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(out, true))
                .execute("check", "segregated-fits", "--project", starter.toString());
        // THEN it fails to compile, with the rule at the line instead of javac's "does not exist"
        assertThat(exit).as(out.toString()).isEqualTo(1);
        assertThat(out.toString()).startsWith("segregated-fits: FAIL: does not compile, so no test ran:")
                .contains("  SegregatedFitsAllocator.java:" + line + SENTENCE).doesNotContain("does not exist");
    }

    @Test
    void progress_which_compiles_every_exercise_together_runs_it_but_warns_that_check_and_the_grader_will_not()
            throws IOException {
        // GIVEN the same starter: mvn test and progress compile every exercise in one go, so the code compiles there
        Path starter = temp.resolve("starter");
        StarterExporter.export(starter, null);
        int line = reuse(starter.resolve(SEGREGATED));
        // WHEN progress runs the visible tests
        StringWriter out = new StringWriter();
        StudentCommand.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(out, true))
                .execute("progress", "--project", starter.toString());
        // THEN it says the rule, and that check and the grader fail it
        assertThat(out.toString()).contains("  segregated-fits: SegregatedFitsAllocator.java:" + line + SENTENCE
                + ". It runs here, where every exercise is compiled together; check and the grader fail it as a "
                + "compile error.");
    }

    /** Adds {@link #REUSE} as the constructor's first line; returns its line number. */
    private static int reuse(Path file) throws IOException {
        String text = Files.readString(file);
        assertThat(text).contains(CONSTRUCTOR);
        Files.writeString(file, text.replace(CONSTRUCTOR, CONSTRUCTOR + "\n" + REUSE));
        return Files.readAllLines(file).indexOf(REUSE) + 1;
    }
}
