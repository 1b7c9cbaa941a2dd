package dev.alloclab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ALLOCLAB_JAVA_OPTS} in the launcher {@code alloclab}: several options split at spaces, with quotes keeping an
 * option that holds spaces whole (a temp folder under "My Documents"). Run on a copy of the script in a fake kit whose
 * build is current, with a fake {@code java} that prints each argument it was given in brackets (no build, no JVM).
 */
class LauncherJavaOptionsTest {
    @TempDir
    Path temp;

    @Test
    void quoted_options_reach_java_whole_and_the_others_one_by_one() throws Exception {
        // GIVEN options with a double-quoted and a single-quoted part, and doubled spaces between them
        Run run = launch("-Xmx2g  -Djava.io.tmpdir=\"/home/me/my temp\" -Dalloclab.note='two words' -Dz=1");
        // THEN java gets each option as one argument, quotes removed, in order, before the kit's jar
        assertThat(run.exit()).as(run.out()).isZero();
        assertThat(run.out()).as(run.out()).contains("[-Xmx2g]\n[-Djava.io.tmpdir=/home/me/my temp]\n"
                + "[-Dalloclab.note=two words]\n[-Dz=1]\n[-jar]\n");
    }

    @Test
    void an_option_without_quotes_that_holds_no_space_is_passed_as_it_was() throws Exception {
        Run run = launch("-Xss4m");
        assertThat(run.exit()).as(run.out()).isZero();
        assertThat(run.out()).contains("[-Xss4m]\n[-jar]\n");
    }

    @Test
    void a_quote_left_open_is_one_sentence_and_java_never_runs() throws Exception {
        Run run = launch("-Djava.io.tmpdir=\"/home/me/my temp");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).isEqualTo("alloclab: ALLOCLAB_JAVA_OPTS cannot be split into Java options: it has a quote "
                + "that is not closed. Close every quote, and quote an option that holds spaces as a whole, e.g. "
                + "ALLOCLAB_JAVA_OPTS='-Djava.io.tmpdir=\"/home/me/my temp\" -Xmx2g'.\n");
    }

    private record Run(int exit, String out) {
    }

    /** Runs {@code alloclab --version} in a fake kit with {@code ALLOCLAB_JAVA_OPTS} set to {@code options}. */
    private Run launch(String options) throws Exception {
        Path kit = FakeKit.at(temp.resolve("kit"), true);
        Path bin = FakeKit.java(temp.resolve("bin"), "for a in \"$@\"; do echo \"[$a]\"; done");
        ProcessBuilder pb = new ProcessBuilder("bash", kit.resolve("alloclab").toString(), "--version")
                .redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.equals("JAVA_HOME"));
        pb.environment().put("PATH", bin + ":/usr/bin:/bin");
        pb.environment().put("ALLOCLAB_JAVA_OPTS", options);
        Process p = pb.start();
        assertThat(p.waitFor(1, TimeUnit.MINUTES)).isTrue();
        return new Run(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
