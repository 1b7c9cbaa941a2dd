package dev.alloclab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alloclab.core.trace.TraceGenerator;
import dev.alloclab.core.trace.TraceSuite;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TracesCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return AlloclabCommand.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
    }

    @Test
    void generate_writes_the_bundled_suite_to_the_folder(@TempDir Path dir) throws Exception {
        assertThat(run("traces", "generate", "--out", dir.toString())).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains("wrote " + TraceSuite.names().size() + " traces");
        for (String name : TraceSuite.names()) {
            assertThat(Files.readString(dir.resolve(name + ".rep"))).isEqualTo(TraceGenerator.generate(name));
        }
    }

    @Test
    void generate_with_a_variant_writes_that_variant_and_says_so(@TempDir Path dir) throws Exception {
        // WHEN an instructor asks for variant 7 of the suite
        assertThat(run("traces", "generate", "--out", dir.toString(), "--variant", "7")).isEqualTo(ExitCodes.OK);
        // THEN the files are variant 7's (not the bundled ones), and the output says which variant it is
        assertThat(out.toString()).contains("(variant 7 of the suite");
        assertThat(Files.readString(dir.resolve("random-1.rep"))).isEqualTo(TraceGenerator.generate("random-1", 7))
                .isNotEqualTo(TraceGenerator.generate("random-1"));
        // AND a number that is not one is a usage error
        assertThat(run("traces", "generate", "--out", dir.toString(), "--variant", "seven")).isEqualTo(ExitCodes.BAD_INPUT);
    }

    @Test
    void no_command_shows_the_root_commands_description_as_its_own() {
        // the root's attributes are inherited (scope INHERIT): a command without a description showed the kit's
        for (String[] command : new String[][] {{"list", "--help"}, {"traces", "--help"}, {"traces", "list", "--help"}}) {
            out.getBuffer().setLength(0);
            assertThat(run(command)).isEqualTo(ExitCodes.OK);
            assertThat(out.toString()).as(String.join(" ", command)).doesNotContain("A teaching kit for manual memory management");
        }
    }

    @Test
    void list_names_every_bundled_trace() {
        assertThat(run("traces", "list")).isEqualTo(ExitCodes.OK);
        for (String name : TraceSuite.names()) {
            assertThat(out.toString()).contains(name);
        }
    }

    @Test
    void generate_without_a_folder_is_a_usage_error() {
        assertThat(run("traces", "generate")).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString()).contains("--out");
    }

    @Test
    void traces_or_quiz_without_a_subcommand_says_what_to_choose_and_exits_2() {
        assertThat(run("traces")).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString()).contains("traces: choose what to do with the suite: list, or generate --out DIR", "Usage:");
        assertThat(run("quiz")).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString()).contains("quiz: choose a quiz: freespace, strategy, violation or stack");
    }
}
