package dev.alloclab.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alloclab.export.StarterProcess.Run;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./alloclab progress} in an exported starter, in a JVM of its own as a student runs it: jqwik registers its
 * lifecycle hooks once per JVM, from the first exercise's class loader, so this cannot be seen from inside the
 * test JVM, where some other test registered them first.
 */
class StarterProgressTest {
    /** Generous: a cold JVM compiles the starter and runs every exercise's visible tests, on a shared machine. */
    private static final long SECONDS = 300;
    private static final String STACK_FRAMES = "src/main/java/dev/alloclab/exercises/stackframes";

    @Test
    void exercises_after_a_finished_one_are_not_started_not_failing(@TempDir Path temp) throws Exception {
        // GIVEN an exported starter whose first exercise (stack-frames, which has jqwik properties) is solved
        Path starter = temp.resolve("starter");
        StarterExporter.export(starter, null);
        // WHEN the student runs ./alloclab progress
        Run progress = progressWithStackFramesSolved(starter, temp);
        // THEN stack-frames is done and every other exercise is "not started": the stubs' properties were seen as
        // stubs (before the fix, each failed with NoClassDefFoundError: .../support/NotStarted)
        assertThat(progress.output()).as(progress.output())
                .containsPattern("1 +stack-frames +done")
                .containsPattern("2 +bump +not started")
                .containsPattern("6 +buddy +not started")
                .contains("1 of 9 exercises done.")
                .doesNotContain("NoClassDefFoundError", "in progress");
    }

    @Test
    void a_course_that_leaves_out_an_exercise_never_names_it_next(@TempDir Path temp) throws Exception {
        // GIVEN a starter exported for a course whose rubric leaves out bump, with stack-frames (the exercise
        // before bump) solved
        Path starter = temp.resolve("starter");
        StarterExporter.export(starter, null);
        Path rubric = temp.resolve("course.json");
        java.nio.file.Files.writeString(rubric, """
                {"exercises": {"stack-frames": {"hidden": 4}, "implicit-list": {"hidden": 6}, "vec": {"hidden": 5}}}
                """);
        ClassroomExporter.export(starter, rubric);
        // WHEN the student runs ./alloclab progress
        Run progress = progressWithStackFramesSolved(starter, temp);
        // THEN next is implicit-list, not bump, the table counts the course's three exercises, and the dropped
        // ones are named apart (before the fix: "next: bump", "1 of 9 exercises done.")
        assertThat(progress.output()).as(progress.output())
                .containsPattern("1 +stack-frames +done")
                .contains("1 of 3 exercises done.", "next: implicit-list \u2014 docs/exercises/implicit-list.md",
                        "not in this course: 2 bump, 4 explicit-list")
                .doesNotContain("next: bump")
                .doesNotContainPattern("\\d +bump +not started");
    }

    /** Puts the solution of stack-frames into {@code starter} and runs {@code ./alloclab progress --rerun} there. */
    private static Run progressWithStackFramesSolved(Path starter, Path temp) throws Exception {
        KitTree.copyTree(KitTree.root().resolve("solutions/" + STACK_FRAMES), starter.resolve(STACK_FRAMES));
        return StarterProcess.run(starter, temp, List.of(StarterProcess.bash(), "./alloclab", "progress", "--rerun"),
                Map.of("JAVA_HOME", System.getProperty("java.home")), SECONDS);
    }
}
