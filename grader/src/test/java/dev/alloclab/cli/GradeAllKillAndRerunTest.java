package dev.alloclab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.alloclab.testing.KitRoot;

/**
 * Issue 8, "nothing lost": {@code grade-all} is SIGKILLed in the middle of a class run (in a child
 * JVM, with its grading JVMs), then run again; the gradebook must hold every student exactly once,
 * each with the score a full run gives.
 */
class GradeAllKillAndRerunTest {
    private static final String[] STUDENTS = {"ada", "brian", "carol", "dennis"};
    /** Only hidden points, so that a solutions copy scores exactly the maximum. */
    private static final String RUBRIC = """
            { "limits": { "timeoutSeconds": 60 },
              "exercises": { "stack-frames": { "hidden": 4 }, "bump": { "hidden": 6 } } }
            """;

    @TempDir
    Path temp;

    @Test
    void a_class_run_killed_mid_way_and_run_again_has_each_student_exactly_once() throws Exception {
        // GIVEN a class of four copies of the solutions
        Path solutions = KitRoot.resolve("solutions/src");
        Assumptions.assumeTrue(Files.isDirectory(solutions), "the solutions have not landed");
        Path classDir = Files.createDirectories(temp.resolve("class"));
        for (String student : STUDENTS) {
            copyTree(solutions, classDir.resolve(student).resolve("src"));
        }
        Path rubric = Files.writeString(temp.resolve("rubric.json"), RUBRIC);
        Path results = classDir.resolve(".alloclab-results");

        // WHEN grade-all runs in a child JVM and is killed with SIGKILL once the first student is stored
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // (its temp folders in ours: a SIGKILLed grader cannot remove them, and they would pile up in /tmp)
        Path childTemp = Files.createDirectories(temp.resolve("child-tmp"));
        Process child = new ProcessBuilder(java, "-Djava.io.tmpdir=" + childTemp, "-cp", System.getProperty("java.class.path"),
                AlloclabCommand.class.getName(), "grade-all", classDir.toString(), "--jobs", "1", "--rubric", rubric.toString())
                .redirectErrorStream(true).redirectOutput(temp.resolve("first-run.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        while (stored(results).isEmpty() && child.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        boolean killedMidWay = child.isAlive();
        List<ProcessHandle> descendants = child.descendants().toList();
        child.destroyForcibly(); // SIGKILL on Linux and macOS
        descendants.forEach(ProcessHandle::destroyForcibly);
        child.waitFor(30, TimeUnit.SECONDS);
        assertThat(killedMidWay).as("the first run must still be running when it is killed; its log: %s",
                Files.readString(temp.resolve("first-run.log"))).isTrue();
        List<String> storedBeforeRerun = stored(results);
        assertThat(storedBeforeRerun).as("students graded before the kill").isNotEmpty().hasSizeLessThan(STUDENTS.length);

        // AND it is run again
        CommandLineRun rerun = CommandLineRun.of("grade-all", classDir.toString(), "--jobs", "2", "--rubric", rubric.toString());

        // THEN the rerun skips what was stored, grades the rest, and the gradebook has each student once, at full marks
        assertThat(rerun.exitCode()).as(rerun.out() + rerun.err()).isZero();
        assertThat(rerun.out()).contains(storedBeforeRerun.size() + " kept from the last run");
        List<String> rows = Files.readAllLines(classDir.resolve("gradebook.csv"));
        assertThat(rows.get(0)).isEqualTo("student,stack-frames,bump,total,maxScore,note");
        List<String> students = new ArrayList<>();
        for (String row : rows.subList(1, rows.size())) {
            String[] cells = row.split(",", -1);
            students.add(cells[0]);
            assertThat(cells[3]).as("total of %s", row).isEqualTo("10");
        }
        assertThat(students).containsExactly(STUDENTS);
    }

    private static List<String> stored(Path results) throws IOException {
        if (!Files.isDirectory(results)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(results)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json") && !n.startsWith(".")).toList();
        }
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.sorted(Comparator.naturalOrder()).toList()) {
                Path dest = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(p, dest);
                }
            }
        }
    }
}
