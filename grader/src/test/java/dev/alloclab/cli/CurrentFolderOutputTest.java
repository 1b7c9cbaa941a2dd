package dev.alloclab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alloclab.grader.ProcessRun;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An empty {@code --out ''}: the current folder for {@code replay --picture svg}, refused by {@code traces
 * generate} (fifteen files dropped into a checkout are litter). Run in a JVM of its own whose working folder
 * is a temporary one, so the test's own working folder stays clean.
 */
class CurrentFolderOutputTest {
    private static final long SECONDS = 120;

    @Test
    void an_empty_out_is_refused_by_traces_generate_and_is_the_current_folder_for_pictures(@TempDir Path dir)
            throws Exception {
        // WHEN traces generate and replay --picture svg are given --out ''
        ProcessRun.Result traces = alloclab(dir, "traces", "generate", "--out", "");
        ProcessRun.Result pictures = alloclab(dir, "replay", "teaching/leak", "--allocator", "first-fit", "--check",
                "--picture", "svg", "--out", "", "--max-steps", "2");
        // THEN traces generate is bad input with a sentence and writes nothing
        assertThat(traces.exit()).as(traces.output()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(traces.output()).contains("--out needs the folder to write the suite to, but was empty")
                .doesNotContain("internal error", "Exception");
        assertThat(dir.resolve("random-1.rep")).doesNotExist();
        assertThat(dir.resolve("teaching")).doesNotExist();
        // AND the pictures go into the current folder, named '.'
        assertThat(pictures.output()).contains("pictures: 2 SVG files in .");
        assertThat(dir.resolve("step-0001.svg")).isRegularFile();
    }

    /** Runs the kit's command line in a new JVM, in {@code folder}, with this test's class path. */
    private static ProcessRun.Result alloclab(Path folder, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), AlloclabCommand.class.getName()));
        command.addAll(List.of(args));
        ProcessRun.Result run = ProcessRun.of(command).in(folder).timeout(Duration.ofSeconds(SECONDS)).run();
        if (run.timedOut()) {
            throw new AssertionError(command + " did not finish within " + SECONDS + " s");
        }
        return run;
    }
}
