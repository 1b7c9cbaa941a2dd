package dev.alloclab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The grader run under {@code LC_ALL=C} (a Docker or Gradescope image with no UTF-8 locale), where Java cannot turn a
 * non-ASCII name into a path: no name may stop a class run, and a name on the command line gets one sentence. Each
 * case is one JVM of its own (the locale's charset is fixed when a JVM starts) grading nothing that compiles.
 */
class NonUtf8LocaleTest {
    @TempDir
    Path temp;

    @Test
    void a_non_ascii_student_folder_is_a_row_of_its_own_and_the_run_is_not_an_internal_error() throws Exception {
        // GIVEN a class of two, jörg (an upload with no sources) and ada (the same)
        Path classDir = Files.createDirectories(temp.resolve("class"));
        Files.createDirectories(classDir.resolve("jörg/src"));
        Files.createDirectories(classDir.resolve("ada/src"));
        // WHEN grade-all runs under the C locale
        Run run = alloclab("grade-all", classDir.toString(), "--jobs", "1");
        // THEN it ends as a run with ungraded submissions (exit 1), not as alloclab's internal error (it was exit 70 at
        // the result file jörg.json, with no gradebook), and jörg has a row of their own
        assertThat(run.exit()).as(run.output()).isEqualTo(ExitCodes.CHECK_FAILED);
        String gradebook = Files.readString(classDir.resolve("gradebook.csv"), StandardCharsets.UTF_8);
        assertThat(gradebook.lines()).hasSize(3).anyMatch(l -> l.startsWith("jörg,")).anyMatch(l -> l.startsWith("ada,"));
    }

    @Test
    void a_non_ascii_folder_named_on_the_command_line_is_one_sentence_naming_the_locale() throws Exception {
        Path wrap = Files.createDirectories(temp.resolve("Übung3"));
        Run run = alloclab("grade", wrap.toString());
        assertThat(run.exit()).as(run.output()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.output()).contains("cannot be a file name here", "locale is not UTF-8", "LC_ALL=C.UTF-8")
                .doesNotContain("InvalidPathException", "cannot convert");
    }

    private record Run(int exit, String output) {
    }

    private Run alloclab(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                AlloclabCommand.class.getName()));
        command.addAll(List.of(args));
        Path log = temp.resolve("run.log");
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("LC_") || k.equals("LANG"));
        pb.environment().put("LC_ALL", "C");
        Process p = pb.start();
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).as("alloclab finished").isTrue();
        return new Run(p.exitValue(), Files.readString(log, StandardCharsets.ISO_8859_1));
    }
}
