package dev.alloclab.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class ShellWordTest {
    @Test
    void a_plain_path_stays_as_it_is_and_one_with_spaces_is_quoted() {
        assertThat(ShellWord.of("/tmp/my-starter")).isEqualTo("/tmp/my-starter");
        assertThat(ShellWord.of("../Ünï starter")).isEqualTo("'../Ünï starter'");
        assertThat(ShellWord.of("it's")).isEqualTo("'it'\\''s'");
    }

    @Property(tries = 30)
    void bash_reads_the_word_back_as_the_same_path(
            @ForAll @StringLength(min = 1, max = 12) @CharRange(from = ' ', to = '~') String path) throws Exception {
        // WHEN bash echoes the word THEN it prints the path, whatever quotes, spaces or $ it holds
        Process bash = new ProcessBuilder("bash", "-c", "printf '%s' " + ShellWord.of(path))
                .redirectErrorStream(true).start();
        assertThat(bash.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(path);
    }
}
