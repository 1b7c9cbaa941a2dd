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

    @Test
    void an_option_java_refuses_is_one_sentence_naming_the_variable_and_exit_2_not_a_failed_grade() throws Exception {
        // GIVEN a java that refuses -Xbogus as a JVM does (exit 1, the same code as a failed grade)
        String refusing = "for a in \"$@\"; do if [ \"$a\" = -Xbogus ]; then echo 'Unrecognized option: -Xbogus' >&2; "
                + "echo 'Error: Could not create the Java Virtual Machine.' >&2; exit 1; fi; done; "
                + "for a in \"$@\"; do echo \"[$a]\"; done";
        // WHEN the variable holds it
        Run run = launch("-Xmx1g -Xbogus", refusing);
        // THEN the launcher says so, names the variable, and exits 2 (bad input) before running the kit
        assertThat(run.exit()).as(run.out()).isEqualTo(2);
        assertThat(run.out()).startsWith("alloclab: ALLOCLAB_JAVA_OPTS holds an option this Java (")
                .contains("/bin/java) refuses (Unrecognized option: -Xbogus). Fix or remove it; the variable is: "
                        + "ALLOCLAB_JAVA_OPTS='-Xmx1g -Xbogus'.")
                .doesNotContain("[-jar]");
    }

    private record Run(int exit, String out) {
    }

    /** Runs {@code alloclab --version} in a fake kit with {@code ALLOCLAB_JAVA_OPTS} set to {@code options}. */
    private Run launch(String options) throws Exception {
        return launch(options, "for a in \"$@\"; do echo \"[$a]\"; done");
    }

    /** As above, with a fake {@code java} that runs {@code javaScript}. */
    private Run launch(String options, String javaScript) throws Exception {
        Path kit = FakeKit.at(temp.resolve("kit"), true);
        Path bin = FakeKit.java(temp.resolve("bin"), javaScript);
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
