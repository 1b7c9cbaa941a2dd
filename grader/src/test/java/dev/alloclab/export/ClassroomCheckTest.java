package dev.alloclab.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.alloclab.cli.StudentCommand;
import dev.alloclab.core.course.Curriculum;
import dev.alloclab.core.course.Exercise;
import dev.alloclab.export.StarterProcess.Run;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code alloclab check EXERCISE} in an exported starter with Classroom autograding, where a student finished one
 * exercise, broke another, and left the rest alone: each exercise is judged on its own. Most checks run in-process
 * through the student's command line; the exported workflow's own commands also run as the runner runs them (a
 * shell in the starter, with only {@code lib/alloclab-companion.jar} on the class path).
 */
class ClassroomCheckTest {
    /** Generous: a check compiles one exercise and runs its tests in a cold JVM, on a shared machine. */
    private static final long SECONDS = 180;
    private static final String EXERCISES = "src/main/java/dev/alloclab/exercises/";

    @TempDir
    static Path temp;
    static Path starter;
    /** The line of ImplicitFreeListAllocator.java that was given a missing ';'. */
    static int brokenLine;

    @BeforeAll
    static void exportAndWork() throws IOException {
        starter = temp.resolve("starter");
        StarterExporter.export(starter, null);
        ClassroomExporter.export(starter, null);
        Path solutions = KitTree.root().resolve("solutions/" + EXERCISES);
        // bump: finished (the reference solution), with a half-written StudentTest that does not compile
        KitTree.copyTree(solutions.resolve("bump"), starter.resolve(EXERCISES + "bump"));
        Files.writeString(starter.resolve("src/test/java/dev/alloclab/exercises/bump/BumpAllocatorStudentTest.java"),
                "package dev.alloclab.exercises.bump;\nclass BumpAllocatorStudentTest { int unfinished = }\n");
        // implicit-list: a missing ';'
        Path implicit = starter.resolve(EXERCISES + "implicitlist/ImplicitFreeListAllocator.java");
        List<String> lines = Files.readAllLines(implicit);
        int stub = indexOf(lines, "throw NotImplemented.yet(");
        lines.set(stub, "        int missingSemicolon = 1 " + lines.get(stub).strip());
        Files.write(implicit, lines);
        brokenLine = stub + 1;
        // stack-frames: solved, then broken so that stackLength() counts one byte too many
        KitTree.copyTree(solutions.resolve("stackframes"), starter.resolve(EXERCISES + "stackframes"));
        Path frames = starter.resolve(EXERCISES + "stackframes/FrameStack.java");
        String source = Files.readString(frames);
        assertThat(source).contains("return stackLength;");
        Files.writeString(frames, source.replace("return stackLength;", "return stackLength + 1;"));
        // scope: a stub that ends the JVM with status 0 when its test calls it
        Path owned = starter.resolve(EXERCISES + "scope/OwnedBlock.java");
        List<String> scope = Files.readAllLines(owned);
        int first = indexOf(scope, "throw NotImplemented.yet(");
        scope.set(first, "        System.exit(0); " + scope.get(first).strip());
        Files.write(owned, scope);
    }

    @Test
    void a_finished_exercise_passes_despite_a_compile_error_in_another_exercise_and_in_its_own_student_test() {
        // WHEN the finished exercise is checked
        Run run = check("bump");
        // THEN it passes: neither implicit-list's error nor the broken BumpAllocatorStudentTest was compiled
        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output()).startsWith("bump: PASS: every visible test passes (").doesNotContain("implicitlist",
                "StudentTest");
        // AND the check left nothing behind: its own folder is gone, Maven's and progress's files were never written
        assertThat(starter.resolve("target/alloclab-check")).isDirectoryNotContaining("glob:**/bump-*");
        assertThat(starter.resolve("target/classes")).doesNotExist();
        assertThat(starter.resolve("target/alloclab-progress.json")).doesNotExist();
    }

    @Test
    void an_exercise_that_does_not_compile_fails_naming_the_file_and_line() {
        // WHEN the broken exercise is checked
        Run run = check("implicit-list");
        // THEN it fails with the compiler's message at the line that lost its ';'
        assertThat(run.exit()).as(run.output()).isEqualTo(1);
        assertThat(run.output()).startsWith("implicit-list: FAIL: does not compile, so no test ran:")
                .contains(EXERCISES + "implicitlist/ImplicitFreeListAllocator.java:" + brokenLine + ": ';' expected")
                .contains("costs only this exercise");
    }

    @Test
    void an_untouched_stub_fails_as_not_started_with_the_methods_to_write() {
        // WHEN an exercise nobody touched is checked
        Run run = check("vec");
        // THEN its skipped tests do not earn the points: "not started", and what to write first
        assertThat(run.exit()).as(run.output()).isEqualTo(1);
        assertThat(run.output()).startsWith("vec: FAIL: not started:").contains("methods to write:", "  - IntVec.").doesNotContain("- write IntVec.");
    }

    @Test
    void a_failing_visible_test_fails_the_check_naming_the_test_and_the_package_name_is_accepted() {
        // WHEN stack-frames (solved, but stackLength() is off by one) is checked by its package name
        Run run = check("stackframes");
        // THEN it fails and names the test that caught it
        assertThat(run.exit()).as(run.output()).isEqualTo(1);
        assertThat(run.output()).startsWith("stack-frames: FAIL: ").containsPattern("[1-9]\\d* of \\d+ visible tests fail:")
                .contains("- frames_lie_end_to_end_and_stack_length_counts_their_bytes()");
    }

    @Test
    void an_unknown_exercise_is_bad_input_listing_the_exercises() {
        // WHEN a name that is no exercise is checked
        Run run = check("bumb");
        // THEN exit 2, and the ids (with their package names) to choose from
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.output()).startsWith("check: there is no exercise 'bumb'.")
                .contains("stack-frames (stackframes), bump, implicit-list (implicitlist)", "refcount");
    }

    @Test
    void the_exported_classroom_steps_run_the_check_with_only_java_and_the_companion_jar() throws Exception {
        // GIVEN the commands autograding.json gives the Classroom runner
        JsonNode tests = new ObjectMapper().readTree(starter.resolve(ClassroomExporter.AUTOGRADING).toFile()).path("tests");
        // WHEN the runner runs bump's, in a shell in the repository (in-process checks cover the failing verdicts;
        // the System.exit test below runs a failing one through the launcher)
        Run bump = shell(runOf(tests, "bump"));
        // THEN bump earns its points, though implicit-list and bump's own StudentTest do not compile
        assertThat(bump.exit()).as(bump.output()).isZero();
        assertThat(bump.output()).startsWith("bump: PASS");
    }

    @Test
    void code_that_calls_system_exit_cannot_pass_the_check() throws Exception {
        // WHEN scope, whose stub calls System.exit(0), is checked as the runner checks it
        Run run = shell("bash ./alloclab check scope");
        // THEN the exit is caught: FAIL, exit 1 (a 0 would have given the points)
        assertThat(run.exit()).as(run.output()).isEqualTo(1);
        assertThat(run.output()).contains("scope: FAIL: the check stopped before the tests finished", "the code called System.exit (at ");
    }

    @Test
    void with_the_solutions_every_exercise_passes_its_check_on_its_own() {
        // GIVEN a second starter whose stubs were all replaced by the kit's solutions
        Path solved = temp.resolve("solved");
        StarterExporter.export(solved, null);
        KitTree.copyTree(KitTree.root().resolve("solutions/src/main/java"), solved.resolve("src/main/java"));
        // WHEN each exercise of the curriculum is checked on its own
        for (Exercise exercise : Curriculum.exercises()) {
            StringWriter out = new StringWriter();
            int exit = StudentCommand.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(out, true))
                    .execute("check", exercise.id(), "--project", solved.toString());
            // THEN it passes: its visible tests need nothing of the other exercises, and none is left "not started"
            assertThat(exit).as("check %s:%n%s", exercise.id(), out).isZero();
            assertThat(out.toString()).startsWith(exercise.id() + ": PASS: every visible test passes (");
        }
    }

    private static int indexOf(List<String> lines, String text) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i;
            }
        }
        throw new AssertionError("no line with '" + text + "'");
    }

    private static String runOf(JsonNode tests, String exercise) {
        for (JsonNode test : tests) {
            if (test.path("name").asText().equals(exercise)) {
                return test.path("run").asText();
            }
        }
        throw new AssertionError("no autograding test named " + exercise + " in " + tests);
    }

    /** The student's command line, in-process, on the starter: what {@code ./alloclab check NAME} runs. */
    private static Run check(String name) {
        StringWriter out = new StringWriter();
        int exit = StudentCommand.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(out, true))
                .execute("check", name, "--project", starter.toString());
        return new Run(exit, out.toString());
    }

    /** {@code command} in a shell in the starter, with the JDK running these tests as JAVA_HOME. */
    private static Run shell(String command) throws Exception {
        return StarterProcess.run(starter, temp, List.of(StarterProcess.bash(), "-c", command),
                Map.of("JAVA_HOME", System.getProperty("java.home")), SECONDS);
    }
}
