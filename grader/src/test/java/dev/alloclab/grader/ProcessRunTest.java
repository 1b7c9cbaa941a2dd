package dev.alloclab.grader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one process runner: exit code and output back, and a timeout that ends the program and its children. */
class ProcessRunTest {
    @TempDir
    Path dir;

    @Test
    void the_exit_code_and_both_output_streams_come_back() throws Exception {
        // GIVEN a program that prints on both streams and exits 3
        ProcessRun run = ProcessRun.of(List.of("sh", "-c", "echo to-out; echo to-err >&2; exit 3"));
        // WHEN it runs
        ProcessRun.Result result = run.timeout(Duration.ofMinutes(1)).run();
        // THEN its exit code and both lines are there, and it was not timed out
        assertThat(result.exit()).isEqualTo(3);
        assertThat(result.output()).contains("to-out", "to-err");
        assertThat(result.timedOut()).isFalse();
        assertThat(result.succeeded()).isFalse();
    }

    @Test
    void a_program_that_sleeps_past_the_timeout_is_killed_with_its_children_and_what_it_printed_is_kept()
            throws Exception {
        // GIVEN a shell that prints, starts a child that sleeps for 5 minutes (holding the output open) and waits
        ProcessRun run = ProcessRun.of(List.of("sh", "-c", "echo started; sleep 300 & echo child $!; wait"))
                .timeout(Duration.ofMillis(500));
        // WHEN it runs with a timeout of half a second
        ProcessRun.Result result = run.run();
        // THEN the run says it timed out, the output so far is kept, and the sleeping child is gone too
        assertThat(result.timedOut()).isTrue();
        assertThat(result.succeeded()).isFalse();
        assertThat(result.output()).contains("started");
        long child = Long.parseLong(result.output().lines().filter(l -> l.startsWith("child ")).findFirst()
                .orElseThrow().substring("child ".length()).trim());
        assertThat(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false)).as("sleep %d alive", child).isFalse();
    }

    @Test
    void output_can_go_to_a_file_and_errors_can_be_dropped() throws Exception {
        // GIVEN a program that prints on both streams, in a folder of its own, with a variable set for it
        Path log = dir.resolve("run.log");
        ProcessRun.Result result = ProcessRun.of(List.of("sh", "-c", "pwd; echo $ALLOCLAB_PROCESS_RUN_TEST; echo e >&2"))
                .in(dir).environment(env -> env.put("ALLOCLAB_PROCESS_RUN_TEST", "given"))
                .outputTo(log).discardErrors().run();
        // THEN the file holds standard output (its folder and the variable) and not standard error
        assertThat(result.succeeded()).isTrue();
        assertThat(Files.readString(log)).isEqualTo(result.output());
        assertThat(result.output().lines().toList()).containsExactly(dir.toRealPath().toString(), "given");
    }

    @Test
    void a_discarded_output_is_empty_and_a_missing_program_cannot_start() throws Exception {
        assertThat(ProcessRun.of(List.of("sh", "-c", "echo x")).discardOutput().run().output()).isEmpty();
        assertThatThrownBy(() -> ProcessRun.of(List.of("alloclab-no-such-program-here")).run())
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> ProcessRun.of(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProcessRun.of(List.of("true")).timeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
