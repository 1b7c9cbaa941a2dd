package dev.alloclab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutOfMemorySentenceTest {
    @Test
    void a_trace_too_big_for_the_jvm_gets_a_sentence_with_the_limit_and_exit_2_not_a_stack_trace(@TempDir Path dir)
            throws IOException, InterruptedException {
        // GIVEN a trace of 600,000 operations (held in memory, about 100 bytes each) and a JVM of 32 MB
        int blocks = 300_000;
        StringBuilder text = new StringBuilder("0\n" + blocks + "\n" + 2 * blocks + "\n1\n");
        for (int i = 0; i < blocks; i++) {
            text.append("a ").append(i).append(' ').append(1 + i % 199).append('\n');
        }
        for (int i = 0; i < blocks; i++) {
            text.append("f ").append(i).append('\n');
        }
        Path trace = dir.resolve("big.rep");
        Files.writeString(trace, text, StandardCharsets.UTF_8);
        Path err = dir.resolve("err.txt");
        // WHEN it is replayed
        Process process = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx32m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                AlloclabCommand.class.getName(), "replay", trace.toString(), "--runs", "1", "--warmups", "0"))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile()).start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the replay ended").isTrue();
        // THEN one sentence names the limit and the way to raise it; no stack trace; exit 2 (too big, not wrong)
        String said = Files.readString(err, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(said).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(said).contains("the Java heap ran out of memory", "ALLOCLAB_JAVA_OPTS=-Xmx")
                .doesNotContain("OutOfMemoryError", "\tat ");
    }
}
