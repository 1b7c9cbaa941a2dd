package dev.alloclab.grader;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C in the middle of a grading (QA-env finding 12): the grading's work folder must not stay in the temp directory,
 * though javac goes on writing class files into it while the shutdown hooks run, and the grading JVM must not outlive
 * the grader.
 */
class UnfinishedGradingsTest {
    @TempDir
    Path temp;

    @Test
    void a_grader_stopped_by_a_signal_leaves_no_work_folder_though_a_thread_keeps_writing_into_it_and_ends_its_child()
            throws Exception {
        // GIVEN a JVM in the middle of a grading: a work folder, a thread that keeps writing class files into it (as
        // the in-process javac does) and a child process (as the grading JVM)
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process grader = new ProcessBuilder(java, "-Djava.io.tmpdir=" + temp, "-cp", System.getProperty("java.class.path"),
                GradesAndCompiles.class.getName()).redirectError(temp.resolve("grader.err").toFile()).start();
        BufferedReader said = new BufferedReader(new InputStreamReader(grader.getInputStream(), StandardCharsets.UTF_8));
        String ready = said.readLine();
        assertThat(ready).as(Files.readString(temp.resolve("grader.err"))).startsWith("ready ");
        long child = Long.parseLong(ready.substring("ready ".length()));
        Thread.sleep(300); // a few hundred class files written

        // WHEN it is stopped by a signal (Ctrl-C, kill PID), so that its shutdown hooks run
        grader.destroy();
        assertThat(grader.waitFor(30, TimeUnit.SECONDS)).isTrue();

        // THEN no folder of it is left in the temp directory (at most an empty file that the next grading sweeps)
        List<Path> left = left(temp);
        assertThat(left).allSatisfy(p -> {
            assertThat(p).isRegularFile();
            assertThat(Files.size(p)).isZero();
        });
        // AND its child process was ended
        ProcessHandle.of(child).ifPresent(p -> {
            try {
                p.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception stillRunning) {
                p.destroyForcibly(); // not ours to leave behind
                throw new AssertionError("the child process " + child + " outlived the grader", stillRunning);
            }
        });

        // AND the next grading's sweep removes the empty file, but never another grader's folder
        Path running = Files.createDirectory(temp.resolve(UnfinishedGradings.PREFIX + "another-grader"));
        UnfinishedGradings.sweep(temp);
        assertThat(left(temp)).containsExactly(running);
    }

    /** A grader in the middle of a grading, in a JVM of its own: says "ready PID-OF-ITS-CHILD", then waits. */
    static final class GradesAndCompiles {
        public static void main(String[] args) throws Exception {
            Path work = UnfinishedGradings.register(Files.createTempDirectory(UnfinishedGradings.PREFIX));
            Process gradingJvm = new ProcessBuilder("sleep", "600").start();
            Thread javac = new Thread(() -> {
                for (long i = 0; ; i++) {
                    try {
                        Path out = Files.createDirectories(work.resolve("batch/test-0/dev/alloclab/exercises/bump"));
                        Files.write(out.resolve("C" + i + ".class"), new byte[512]);
                    } catch (IOException | RuntimeException e) {
                        // as javac: an error for this class, and on to the next one
                    }
                }
            }, "javac");
            javac.start();
            System.out.println("ready " + gradingJvm.pid());
            System.out.flush();
            Thread.sleep(TimeUnit.MINUTES.toMillis(5));
        }
    }

    private static List<Path> left(Path temp) throws IOException {
        try (Stream<Path> files = Files.list(temp)) {
            return files.filter(p -> p.getFileName().toString().startsWith(UnfinishedGradings.PREFIX)).toList();
        }
    }
}
