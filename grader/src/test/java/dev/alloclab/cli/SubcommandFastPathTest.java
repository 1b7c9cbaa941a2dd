package dev.alloclab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code main} adds only the subcommand its first argument names: what each prints must not change. */
class SubcommandFastPathTest {

    static Stream<String> names() {
        return AlloclabCommand.SUBCOMMANDS.stream().map(c -> c.getAnnotation(Command.class).name());
    }

    private static String run(CommandLine line, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = line.setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
        return exit + "\n" + out + "\n--- stderr ---\n" + err;
    }

    @ParameterizedTest
    @MethodSource("names")
    void a_subcommand_alone_prints_its_help_and_its_usage_errors_as_in_the_whole_tree(String name) {
        // GIVEN the command line main builds for this first argument
        CommandLine alone = AlloclabCommand.commandLine(name);
        // THEN it holds only that subcommand (help needs them all), and --help and a bad option read the same
        assertThat(alone.getSubcommands().keySet())
                .isEqualTo(name.equals("help") ? AlloclabCommand.commandLine().getSubcommands().keySet() : java.util.Set.of(name));
        assertThat(run(alone, name, "--help")).isEqualTo(run(AlloclabCommand.commandLine(), name, "--help"));
        assertThat(run(AlloclabCommand.commandLine(name), name, "--no-such-option"))
                .isEqualTo(run(AlloclabCommand.commandLine(), name, "--no-such-option"));
    }

    @Test
    void no_argument_an_option_or_a_misspelt_command_get_the_whole_tree() {
        int all = AlloclabCommand.SUBCOMMANDS.size();
        for (String first : List.of("--help", "-V", "gradee")) {
            assertThat(AlloclabCommand.commandLine(first).getSubcommands()).as(first).hasSize(all);
        }
        assertThat(AlloclabCommand.commandLine(null).getSubcommands()).hasSize(all);
        assertThat(run(AlloclabCommand.commandLine("gradee"), "gradee")).contains("grade");
    }
}
