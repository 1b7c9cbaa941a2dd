package dev.alloclab.grader;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alloclab.testing.KitRoot;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code grade} with a temp folder it cannot use ({@code java.io.tmpdir} missing or read-only): a machine's problem,
 * said in a sentence that names the folder and the way out. Run in a child JVM, since the JDK reads java.io.tmpdir
 * once per JVM.
 */
class GradeTempFolderTest {
    @TempDir
    Path temp;

    @Test
    void a_temp_folder_that_does_not_exist_is_one_sentence_naming_it_not_a_nosuchfileexception() throws Exception {
        // GIVEN a java.io.tmpdir that names no folder
        Path missing = temp.resolve("no-such-tmp");
        // WHEN the solutions are graded
        Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Djava.io.tmpdir=" + missing,
                "dev.alloclab.cli.AlloclabCommand", "grade", KitRoot.resolve("solutions").toString()))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        // THEN exit 2 and a sentence: which folder, and how to point java.io.tmpdir elsewhere
        assertThat(p.exitValue()).as(out).isEqualTo(2);
        assertThat(out).contains("cannot make the grading folder in the temp folder " + missing,
                "ALLOCLAB_JAVA_OPTS=-Djava.io.tmpdir=DIR").doesNotContain("NoSuchFileException");
    }
}
