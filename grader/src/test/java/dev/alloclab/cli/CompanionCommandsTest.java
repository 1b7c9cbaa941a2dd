package dev.alloclab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.alloclab.testing.KitRoot;

/** progress and hint on a copy of the kit's exercises laid out as a student starter. */
class CompanionCommandsTest {
    private static final Path KIT = KitRoot.path();

    /** A starter-shaped copy: the exercises module's pom and src, and the docs. */
    static Path starter(Path dir) throws IOException {
        copyTree(KIT.resolve("exercises/src"), dir.resolve("src"));
        Files.copy(KIT.resolve("exercises/pom.xml"), dir.resolve("pom.xml"));
        copyTree(KIT.resolve("docs/exercises"), dir.resolve("docs/exercises"));
        return dir;
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    @Test
    void progress_runs_the_visible_tests_without_maven_then_reads_the_summary_until_a_source_changes(
            @TempDir Path dir) throws IOException {
        // GIVEN a fresh starter with the bump exercise solved (the reference solution copied in)
        Path project = starter(dir);
        copyTree(KIT.resolve("solutions/src/main/java/dev/alloclab/exercises/bump"),
                project.resolve("src/main/java/dev/alloclab/exercises/bump"));
        // WHEN progress runs the first time
        CommandLineRun first = CommandLineRun.of("progress", "--project", project.toString());
        // THEN it ran the tests in-process: bump is done, stack-frames (untouched) is next
        assertThat(first.exitCode()).as(first.out() + first.err()).isZero();
        assertThat(first.out()).contains("running the visible tests (in-process, no Maven)")
                .containsPattern("2 +bump +done +\\d+ / 0 / 0")
                .containsPattern("1 +stack-frames +not started +0 / 0 / [1-9]")
                .contains("1 of 9 exercises done.", "next: stack-frames", "methods to write next:");
        assertThat(project.resolve("target/alloclab-progress.json")).content().contains("\"id\": \"bump\", \"status\": \"done\"");

        // WHEN it runs again with nothing changed
        CommandLineRun second = CommandLineRun.of("progress", "--project", project.toString());
        // THEN it prints the same table from the summary
        assertThat(second.out()).contains("(from the last test run; no source changed since", "--rerun",
                "1 of 9 exercises done.");

        // WHEN a source file changes in a way that breaks bump
        Path bump = project.resolve("src/main/java/dev/alloclab/exercises/bump/BumpAllocator.java");
        Files.writeString(bump, Files.readString(bump).replace("class BumpAllocator", "class BumpAllocator {} class Broken"));
        Files.setLastModifiedTime(bump, FileTime.fromMillis(System.currentTimeMillis() + 5_000));
        CommandLineRun third = CommandLineRun.of("progress", "--project", project.toString());
        // THEN the tests run again, and the compiler's error is shown with the file
        assertThat(third.out()).contains("Sources changed since the last test run", "Your code does not compile",
                "BumpAllocator.java:");
        assertThat(third.exitCode()).isEqualTo(ExitCodes.CHECK_FAILED);
    }

    @Test
    void progress_exits_1_when_a_visible_test_fails_and_0_when_exercises_are_only_done_or_not_started() {
        var exercises = dev.alloclab.core.course.Curriculum.exercises();
        var done = new dev.alloclab.core.course.ExerciseProgress(exercises.get(0), 5, 0, 0);
        var notStarted = new dev.alloclab.core.course.ExerciseProgress(exercises.get(1), 0, 0, 4);
        var failing = new dev.alloclab.core.course.ExerciseProgress(exercises.get(2), 3, 1, 0);
        assertThat(ProgressCommand.exitCode(dev.alloclab.core.course.ProgressReport.of(java.util.List.of(done, notStarted))))
                .isEqualTo(ExitCodes.OK);
        assertThat(ProgressCommand.exitCode(dev.alloclab.core.course.ProgressReport.of(java.util.List.of(done, failing))))
                .isEqualTo(ExitCodes.CHECK_FAILED);
    }

    @Test
    void a_test_that_only_fails_because_assertj_caught_a_stub_counts_as_not_started(@TempDir Path dir)
            throws IOException {
        // GIVEN a starter whose FrameStack is written except pop() and writeInt(), which still throw the stub's
        // marker: the visible tests that expect IllegalStateException / IllegalArgumentException from them
        // (assertThatThrownBy(...).isInstanceOf(...)) then fail inside AssertJ, which keeps no cause
        Path project = starter(dir);
        Path frameStack = project.resolve("src/main/java/dev/alloclab/exercises/stackframes/FrameStack.java");
        String solved = Files.readString(KIT.resolve("solutions/src/main/java/dev/alloclab/exercises/stackframes/FrameStack.java"));
        String stubbed = solved
                .replace("public void pop() {", "public void pop() {\n        if (true) {\n            throw "
                        + "dev.alloclab.core.NotImplemented.yet(\"FrameStack.pop: move stack_length back\");\n        }")
                .replace("public void writeInt(int offset, int value) {", "public void writeInt(int offset, int value) {\n"
                        + "        if (true) {\n            throw dev.alloclab.core.NotImplemented.yet(\"FrameStack.writeInt: "
                        + "store the local\");\n        }");
        assertThat(stubbed).as("the solution still has pop() and writeInt(int, int)").contains("FrameStack.pop: move",
                "FrameStack.writeInt: store");
        Files.writeString(frameStack, stubbed);
        // WHEN progress runs the visible tests
        CommandLineRun run = CommandLineRun.of("progress", "--project", project.toString());
        // THEN no stack-frames test counts as failed, and the stubs are listed as the methods to write
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).containsPattern("1 +stack-frames +in progress +[1-9]\\d* / 0 / [1-9]")
                .doesNotContain("failing visible tests", "Expecting actual throwable")
                .contains("methods to write next:", "FrameStack.pop: move stack_length back",
                        "FrameStack.writeInt: store the local");
    }

    @Test
    void progress_does_not_count_the_nested_classes_of_a_student_test_as_visible_tests(@TempDir Path dir)
            throws IOException {
        // GIVEN bump solved, its visible tests counted once with the starter's example student test
        Path project = starter(dir);
        copyTree(KIT.resolve("solutions/src/main/java/dev/alloclab/exercises/bump"),
                project.resolve("src/main/java/dev/alloclab/exercises/bump"));
        String before = bumpRow(CommandLineRun.of("progress", "--project", project.toString()).out());
        // WHEN the student's test gets a @Nested class with a passing and a failing test of their own
        Files.writeString(project.resolve("src/test/java/dev/alloclab/exercises/bump/BumpAllocatorStudentTest.java"), """
                package dev.alloclab.exercises.bump;

                import static org.assertj.core.api.Assertions.assertThat;

                import dev.alloclab.core.memory.HeapBytes;
                import org.junit.jupiter.api.Nested;
                import org.junit.jupiter.api.Test;

                class BumpAllocatorStudentTest {
                    @Nested
                    class WhenFresh {
                        @Test
                        void the_first_block_starts_after_its_header() {
                            assertThat(new BumpAllocator(HeapBytes.withMax(64)).alloc(8)).isEqualTo(BumpAllocator.HEADER_BYTES);
                        }

                        @Test
                        void a_wrong_guess() {
                            assertThat(new BumpAllocator(HeapBytes.withMax(64)).alloc(8)).isEqualTo(999);
                        }
                    }
                }
                """);
        CommandLineRun after = CommandLineRun.of("progress", "--project", project.toString());
        // THEN bump's row counts the same visible tests as before, none failing: the nested tests are the student's
        assertThat(before).containsPattern("bump +done +\\d+ / 0 / 0");
        assertThat(bumpRow(after.out())).isEqualTo(before);
        assertThat(after.out()).doesNotContain("a_wrong_guess");
    }

    /** The progress table's row of bump. */
    private static String bumpRow(String out) {
        return out.lines().filter(l -> l.matches("\\s*2 +bump .*")).findFirst().orElseThrow(() -> new AssertionError(
                "no row of bump in:\n" + out)).strip();
    }

    @Test
    void check_of_code_that_makes_javac_itself_fail_is_a_compile_error_naming_the_file(@TempDir Path dir)
            throws IOException {
        // GIVEN bump solved, next to valid Java nested too deeply for javac (it fails itself, reports no error and
        // writes no class: check then ran the tests against missing classes)
        Path project = starter(dir);
        String bump = "src/main/java/dev/alloclab/exercises/bump/";
        Files.copy(KIT.resolve("solutions/" + bump + "BumpAllocator.java"), project.resolve(bump + "BumpAllocator.java"),
                StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(project.resolve(bump + "Deep.java"), "package dev.alloclab.exercises.bump;\n"
                + "final class Deep {\n    static int x() { return " + "(".repeat(30_000) + "1" + ")".repeat(30_000)
                + "; }\n}\n");
        // WHEN it is checked
        CommandLineRun run = CommandLineRun.of("check", "bump", "--project", project.toString());
        // THEN a compile error at that file, with what to do
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.CHECK_FAILED);
        assertThat(run.out()).startsWith("bump: FAIL: does not compile, so no test ran:")
                .contains(bump + "Deep.java: javac ran out of stack: ", "Write it as several smaller ones.");
    }

    @Test
    void check_fails_a_class_saved_outside_its_exercises_folder_as_the_grade_does(@TempDir Path dir) throws IOException {
        // GIVEN bump solved, its class saved in a folder named Bump/ (Windows and macOS show no difference), which mvn
        // test compiles all the same (QA windows27 H2: check said PASS, the grade gave bump 0)
        Path project = starter(dir);
        String bump = "src/main/java/dev/alloclab/exercises/bump/";
        Files.delete(project.resolve(bump + "BumpAllocator.java"));
        Path wrong = Files.createDirectories(project.resolve("src/main/java/dev/alloclab/exercises/Bump"));
        Files.copy(KIT.resolve("solutions/" + bump + "BumpAllocator.java"), wrong.resolve("BumpAllocator.java"));
        // WHEN it is checked
        CommandLineRun run = CommandLineRun.of("check", "bump", "--project", project.toString());
        // THEN it fails, naming the file, the folder and what the grade would give
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.CHECK_FAILED);
        assertThat(run.out()).contains("src/main/java/dev/alloclab/exercises/Bump/BumpAllocator.java declares package "
                + "dev.alloclab.exercises.bump but is not in " + bump + ": mvn test accepts that, the grader does not",
                "would give bump 0. Move the file into " + bump + ".");
    }

    @Test
    void hint_reveals_one_more_each_time_and_remembers_in_the_state_file(@TempDir Path dir) throws IOException {
        Path project = starter(dir);
        // WHEN the learner asks for a hint, then the next, then the next, then once more
        CommandLineRun first = CommandLineRun.of("hint", "bump", "--project", project.toString());
        CommandLineRun again = CommandLineRun.of("hint", "bump", "--project", project.toString());
        CommandLineRun second = CommandLineRun.of("hint", "bump", "--next", "--project", project.toString());
        CommandLineRun third = CommandLineRun.of("hint", "bump", "--next", "--project", project.toString());
        CommandLineRun beyond = CommandLineRun.of("hint", "bump", "--next", "--project", project.toString());
        // THEN the first shows hint 1 only, asking again shows the same, --next adds one, the end says so
        assertThat(first.out()).contains("1. One field, `top`", "(new)", "2 more: ./alloclab hint bump --next")
                .doesNotContain("\n  2. ");
        assertThat(again.out()).contains("1. One field").doesNotContain("(new)").doesNotContain("\n  2. ");
        assertThat(second.out()).contains("2. Compute the new top in a `long`", "1 more");
        assertThat(third.out()).contains("3. `usableSize(index)`", "That is every hint (3 of 3).");
        assertThat(beyond.out()).contains("That was the last hint.");
        assertThat(project.resolve(".alloclab/hints.json")).content().contains("\"bump\": 3");
        // AND another exercise starts from its first hint; --reset forgets
        assertThat(CommandLineRun.of("hint", "vec", "--project", project.toString()).out())
                .contains("1. Keep one `VecMetadata`").doesNotContain("\n  2. ");
        CommandLineRun.of("hint", "bump", "--reset", "--project", project.toString());
        assertThat(project.resolve(".alloclab/hints.json")).content().doesNotContain("bump");
    }

    @Test
    void hint_in_a_copy_where_its_state_cannot_be_saved_counts_in_a_spare_file_and_gets_past_the_first_hint(
            @TempDir Path dir) throws IOException {
        // GIVEN a project where the state folder's name is taken by a file (as a read-only copy would refuse it),
        // and a home folder the spare files can go to
        Path project = starter(dir);
        Files.writeString(project.resolve(".alloclab"), "not a folder");
        Path home = dir.resolve("home");
        System.setProperty("alloclab.stateHome", home.toString());
        try {
            // WHEN the learner asks for a hint, then the next one, twice
            CommandLineRun first = CommandLineRun.of("hint", "bump", "--project", project.toString());
            CommandLineRun second = CommandLineRun.of("hint", "bump", "--next", "--project", project.toString());
            CommandLineRun third = CommandLineRun.of("hint", "bump", "--next", "--project", project.toString());
            // THEN each shows one more hint (it used to stay at the first), and a note says where the count is, once
            assertThat(first.exitCode()).as(first.out() + first.err()).isZero();
            assertThat(first.out()).contains("1. One field, `top`");
            assertThat(first.err()).startsWith("hint: note: this folder cannot be written, so the hints you have seen "
                    + "are counted in " + home.resolve("hint-state"));
            assertThat(second.out()).contains("2. ", "(new)");
            assertThat(second.err()).isEmpty();
            assertThat(third.out()).contains("3. ", "That is every hint (3 of 3).");
            // AND once the project can be written again, its own file takes over and the spare goes
            Files.delete(project.resolve(".alloclab"));
            CommandLineRun writable = CommandLineRun.of("hint", "bump", "--project", project.toString());
            assertThat(writable.out()).contains("3. ").doesNotContain("(new)");
            assertThat(project.resolve(".alloclab/hints.json")).content().contains("\"bump\": 3");
            assertThat(home.resolve("hint-state")).isEmptyDirectory();
        } finally {
            System.clearProperty("alloclab.stateHome");
        }
    }

    @Test
    void hint_where_neither_the_project_nor_the_spare_folder_can_be_written_shows_the_hint_and_says_why_the_count_is_lost(
            @TempDir Path dir) throws IOException {
        // GIVEN a project and a spare folder whose names are both taken by files
        Path project = starter(dir);
        Files.writeString(project.resolve(".alloclab"), "not a folder");
        Path home = Files.writeString(dir.resolve("home"), "not a folder either");
        System.setProperty("alloclab.stateHome", home.toString());
        try {
            // WHEN the learner asks for a hint
            CommandLineRun run = CommandLineRun.of("hint", "bump", "--project", project.toString());
            // THEN the hint is shown and the command succeeds; a note gives the reason the count was not kept
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).contains("1. One field, `top`");
            assertThat(run.err()).contains("hint: note: cannot save the hint state", "is a file, not a folder",
                    "the next './alloclab hint bump' will not know it");
        } finally {
            System.clearProperty("alloclab.stateHome");
        }
    }

    @Test
    void hint_for_an_unknown_exercise_lists_the_ids() {
        CommandLineRun run = CommandLineRun.of("hint", "malloc", "--project", KIT.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("there is no exercise 'malloc'", "bump");
    }

    @Test
    void progress_outside_an_exercises_project_says_where_to_run_it(@TempDir Path empty) {
        CommandLineRun run = CommandLineRun.of("progress", "--project", empty.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("is not an alloclab exercises project");
    }
}
