package dev.alloclab.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** What bench says when the JVM would time a trace before its compiled code has landed. */
class BackgroundCompilationTest {

    @Test
    void a_jvm_compiling_in_the_background_gets_one_line_saying_what_to_add() {
        assertThat(BackgroundCompilation.note("true")).hasValueSatisfying(note -> assertThat(note)
                .startsWith("bench: this JVM compiles in the background")
                .contains("./alloclab bench adds -XX:-BackgroundCompilation")
                .doesNotContain("\n"));
    }

    @Test
    void a_jvm_compiling_in_the_foreground_or_without_the_flag_gets_none() {
        assertThat(BackgroundCompilation.note("false")).isEmpty();
        assertThat(BackgroundCompilation.note(null)).isEmpty();
    }

    @Test
    void the_flag_is_read_from_this_jvm() {
        // the test JVM is started by Surefire: background compilation unless -Xbatch is among its arguments
        boolean batch = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .anyMatch(a -> a.equals("-Xbatch") || a.equals("-XX:-BackgroundCompilation"));
        assertThat(BackgroundCompilation.flagValue()).isEqualTo(batch ? "false" : "true");
        assertThat(BackgroundCompilation.noteForThisJvm()).isEqualTo(BackgroundCompilation.note(batch ? "false" : "true"));
    }
}
