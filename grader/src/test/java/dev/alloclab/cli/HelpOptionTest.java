package dev.alloclab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import picocli.CommandLine;

/**
 * {@code --help} on every command, at every depth. It is the first thing people type, and picocli's own
 * error text ("Try 'alloclab bench --help'") tells them to: a subcommand without it answered
 * "Unknown option: '--help'" once, which is the kind of first impression a kit must not make.
 */
class HelpOptionTest {

    @TestFactory
    Stream<DynamicTest> every_instructor_command_answers_help_with_its_usage() {
        return helpTests(AlloclabCommand::commandLine);
    }

    @TestFactory
    Stream<DynamicTest> every_student_command_answers_help_with_its_usage() {
        return helpTests(StudentCommand::commandLine);
    }

    private static Stream<DynamicTest> helpTests(Supplier<CommandLine> fresh) {
        List<List<String>> paths = new ArrayList<>();
        collect(fresh.get(), new ArrayList<>(), paths);
        assertThat(paths).as("the command tree").hasSizeGreaterThan(3);
        return paths.stream().flatMap(path -> Stream.of("--help", "-h").map(flag -> DynamicTest.dynamicTest(
                String.join(" ", path) + " " + flag, () -> {
                    // GIVEN a fresh command line WHEN a command is asked for help
                    StringWriter out = new StringWriter();
                    StringWriter err = new StringWriter();
                    List<String> args = new ArrayList<>(path.subList(1, path.size()));
                    args.add(flag);
                    int exit = fresh.get().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                            .execute(args.toArray(String[]::new));
                    // THEN it prints its own usage and succeeds, without complaining about missing arguments
                    assertThat(exit).as("exit code; stderr: %s", err).isZero();
                    assertThat(out.toString()).contains("Usage: " + String.join(" ", path)).contains("--help");
                    assertThat(err.toString()).doesNotContain("Unknown option").doesNotContain("Missing required");
                })));
    }

    private static void collect(CommandLine command, List<String> parent, List<List<String>> into) {
        List<String> path = new ArrayList<>(parent);
        path.add(command.getCommandName());
        if (path.size() > 1 && path.get(path.size() - 1).equals("help")) {
            return; // picocli's help command takes a command name, not --help
        }
        into.add(path);
        command.getSubcommands().values().stream().distinct().forEach(sub -> collect(sub, path, into));
    }
}
