package dev.alloclab.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alloclab.cli.StudentCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A learner's first failure is often a report of several lines: the checked heap's (what happened, the heap map,
 * "What to do") or the lockstep's. {@code check} and {@code progress} squashed it into one line cut off before its
 * most useful part (QA session 17, finding 12); they now show the first failure whole, indented, and the others in
 * one line each. A test stopped by the time limit names where the student's code was, as {@code mvn test} does.
 */
class FirstFailureReportTest {
    private static final String EXERCISES = "src/main/java/dev/alloclab/exercises/";

    @TempDir
    static Path temp;
    static Path starter;

    @BeforeAll
    static void exportAndBreak() throws IOException {
        starter = temp.resolve("starter");
        StarterExporter.export(starter, null);
        Path solutions = KitTree.root().resolve("solutions/" + EXERCISES);
        // vec: the finished vec, with the old block freed before the copy reads it (a use-after-free)
        KitTree.copyTree(solutions.resolve("vec"), starter.resolve(EXERCISES + "vec"));
        replace(starter.resolve(EXERCISES + "vec/IntVec.java"),
                "heap.copy(old, moved, metadata.length() * VecMetadata.ELEMENT_BYTES);\n            heap.dealloc(old);",
                "heap.dealloc(old);\n            heap.copy(old, moved, metadata.length() * VecMetadata.ELEMENT_BYTES);");
    }

    @Test
    void check_shows_the_first_checked_heap_report_whole_and_the_others_in_one_line() {
        // WHEN the vec that frees before it copies is checked
        String out = run("check", "vec", "--project", starter.toString());
        // THEN the first failure's report is there whole, its lines indented under the test, down to "What to do"
        List<String> lines = out.lines().toList();
        int first = indexOf(lines, "  - ");
        assertThat(lines.get(first)).endsWith("(): ViolationException (thrown at IntVec.grow (IntVec.java:71), called "
                + "from IntVec.push (IntVec.java:55)):");
        assertThat(lines.get(first + 1)).startsWith("      use-after-free: READ of ");
        assertThat(lines.subList(first + 1, lines.size())).anyMatch(line -> line.startsWith("        heap  "))
                .anyMatch(line -> line.startsWith("        What to do: "));
        // AND the other failures keep one line each
        assertThat(lines.subList(first + 1, lines.size())).filteredOn(line -> line.startsWith("  - ")).isNotEmpty()
                .allMatch(line -> line.contains("ViolationException: use-after-free: "));
    }

    @Test
    void progress_shows_the_first_failure_whole_and_the_others_in_one_line() {
        // WHEN progress runs every visible test of the starter
        String out = run("progress", "--project", starter.toString(), "--rerun");
        // THEN vec's first failure is whole, under its exercise, and its report said once, not once per test
        List<String> lines = out.lines().toList();
        int first = indexOf(lines, "      - ");
        assertThat(lines.get(first - 1)).isEqualTo("    vec:");
        assertThat(lines.get(first)).endsWith("(): ViolationException (thrown at IntVec.grow (IntVec.java:71), called "
                + "from IntVec.push (IntVec.java:55)):");
        assertThat(lines.get(first + 1)).startsWith("          use-after-free: READ of ");
        assertThat(lines).filteredOn(line -> line.startsWith("            What to do: ")).hasSize(1);
        assertThat(lines.subList(first + 1, lines.size())).filteredOn(line -> line.startsWith("      - ")).isNotEmpty()
                .allMatch(line -> line.contains("ViolationException: use-after-free: "));
    }

    @Test
    void a_test_stopped_by_the_time_limit_names_the_students_frame_it_was_in() throws IOException {
        // GIVEN a finished implicit list, whose alloc never returns, in a starter of its own
        Path own = temp.resolve("endless");
        StarterExporter.export(own, null);
        KitTree.copyTree(KitTree.root().resolve("solutions/" + EXERCISES + "implicitlist"),
                own.resolve(EXERCISES + "implicitlist"));
        // (it spins until this test releases it: a stopped test's thread is abandoned, never killed, and one that spun
        // on would slow every test after it in this JVM)
        System.clearProperty(RELEASE);
        replace(own.resolve(EXERCISES + "implicitlist/ImplicitFreeListAllocator.java"), "public int alloc(int size) {",
                "public int alloc(int size) {\n        while (heap.size() >= 0 && !Boolean.getBoolean(\"" + RELEASE
                        + "\")) {\n            size = size + 0;\n        }");
        // WHEN it is checked with a short limit
        String out = run("check", "implicit-list", "--timeout", "1", "--project", own.toString());
        // THEN each stopped test says where the student's code was: the loop to look at
        assertThat(out).contains("stopped after 1 s: " + "your code did not return (an endless loop, a deadlock, or far "
                + "too slow) (it was in ImplicitFreeListAllocator.alloc (ImplicitFreeListAllocator.java:");
    }

    /** Set after each test: ends the loops the stopped tests left spinning. */
    private static final String RELEASE = "alloclab.test.release-first-failure-loops";

    @AfterEach
    void release_the_spinning_threads() {
        System.setProperty(RELEASE, "true");
    }

    private static String run(String... args) {
        StringWriter out = new StringWriter();
        StudentCommand.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(out, true)).execute(args);
        return out.toString();
    }

    private static int indexOf(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        throw new AssertionError("no line starts with '" + prefix + "' in:\n" + String.join("\n", lines));
    }

    private static void replace(Path file, String old, String replacement) throws IOException {
        String text = Files.readString(file);
        assertThat(text).as(file.toString()).contains(old);
        Files.writeString(file, text.replace(old, replacement));
    }
}
