package dev.alloclab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alloclab.testing.KitRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A visible test the student changed: the grader runs its own copy, so check runs the starter's copy and says so,
 * and progress says its table comes from the changed copy.
 */
class ChangedVisibleTestTest {
    private static final String TEST = "src/test/java/dev/alloclab/exercises/stackframes/FrameStackTest.java";

    private static Path solvedStackFrames(Path dir) throws IOException {
        Path project = CompanionCommandsTest.starter(dir);
        CompanionCommandsTest.copyTree(KitRoot.resolve("solutions/src/main/java/dev/alloclab/exercises/stackframes"),
                project.resolve("src/main/java/dev/alloclab/exercises/stackframes"));
        return project;
    }

    private static void replaceIn(Path file, String old, String by) throws IOException {
        String text = Files.readString(file);
        assertThat(text).contains(old);
        Files.writeString(file, text.replace(old, by));
    }

    @Test
    void an_ide_rename_that_also_edited_the_visible_test_fails_the_check_as_it_fails_the_grade(@TempDir Path dir)
            throws IOException {
        // GIVEN a solved FrameStack whose frameCount() was renamed to frames(), in the class and in FrameStackTest
        Path project = solvedStackFrames(dir);
        replaceIn(project.resolve("src/main/java/dev/alloclab/exercises/stackframes/FrameStack.java"),
                "public int frameCount()", "public int frames()");
        replaceIn(project.resolve(TEST), "frameCount()", "frames()");
        // WHEN the student checks stack-frames
        CommandLineRun check = CommandLineRun.of("check", "stack-frames", "--project", project.toString());
        // THEN the starter's copy of the test was compiled: it calls frameCount(), which is missing, so FAIL, and a
        // note says why
        assertThat(check.exitCode()).as(check.out()).isEqualTo(ExitCodes.CHECK_FAILED);
        assertThat(check.out()).contains("stack-frames: FAIL: does not compile",
                        "the starter's copy of " + TEST + ":", "symbol: method frameCount()",
                        "note: FrameStackTest.java differs from the starter's copy")
                .doesNotContain("PASS");
        // WHEN progress shows the table of the student's copies
        CommandLineRun progress = CommandLineRun.of("progress", "--project", project.toString());
        // THEN it says the grade runs another copy
        assertThat(progress.out()).contains("note: FrameStackTest.java differs from the starter's copy: the grader runs "
                + "its own copy");
    }

    @Test
    void an_innocent_edit_of_a_visible_test_still_passes_with_the_note(@TempDir Path dir) throws IOException {
        // GIVEN a solved stack-frames whose visible test got a comment
        Path project = solvedStackFrames(dir);
        replaceIn(project.resolve(TEST), "class FrameStackTest {", "class FrameStackTest { // my notes");
        // WHEN it is checked
        CommandLineRun check = CommandLineRun.of("check", "stack-frames", "--project", project.toString());
        // THEN it passes (the starter's copy passes too) and the note is there
        assertThat(check.exitCode()).as(check.out()).isZero();
        assertThat(check.out()).contains("stack-frames: PASS", "note: FrameStackTest.java differs");
    }

    @Test
    void an_unchanged_starter_has_no_note(@TempDir Path dir) throws IOException {
        Path project = solvedStackFrames(dir);
        CommandLineRun check = CommandLineRun.of("check", "stack-frames", "--project", project.toString());
        assertThat(check.exitCode()).as(check.out()).isZero();
        assertThat(check.out()).doesNotContain("note:");
    }
}
