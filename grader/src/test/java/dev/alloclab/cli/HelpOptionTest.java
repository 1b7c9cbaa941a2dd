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

    @org.junit.jupiter.api.Test
    void no_command_at_all_prints_the_usage_on_standard_output_and_exits_0() {
        CommandLineRun run = CommandLineRun.of();
        org.assertj.core.api.Assertions.assertThat(run.exitCode()).isZero();
        org.assertj.core.api.Assertions.assertThat(run.out()).startsWith("Usage: alloclab").contains("Commands:");
        org.assertj.core.api.Assertions.assertThat(run.err()).isEmpty();
    }

    @TestFactory
    Stream<DynamicTest> every_instructor_command_answers_help_with_its_usage() {
        return helpTests(AlloclabCommand::commandLine);
    }

    @TestFactory
    Stream<DynamicTest> every_student_command_answers_help_with_its_usage() {
        return helpTests(StudentCommand::commandLine);
    }

    @TestFactory
    Stream<DynamicTest> every_command_lists_its_exit_codes_once_with_the_bug_code_70() {
        return Stream.<Supplier<CommandLine>>of(AlloclabCommand::commandLine, StudentCommand::commandLine).flatMap(fresh -> {
            List<List<String>> paths = new ArrayList<>();
            collect(fresh.get(), new ArrayList<>(), paths);
            return paths.stream().map(path -> DynamicTest.dynamicTest(String.join(" ", path) + " --help: exit codes",
                    () -> {
                        // GIVEN a command's help
                        StringWriter out = new StringWriter();
                        List<String> args = new ArrayList<>(path.subList(1, path.size()));
                        args.add("--help");
                        fresh.get().setOut(new PrintWriter(out, true)).execute(args.toArray(String[]::new));
                        String help = out.toString();
                        // THEN one list of exit codes, the last section, with 0, 1, 2 and 70 once each
                        assertThat(help.split("Exit codes", -1)).as("'Exit codes' once in:%n%s", help).hasSize(2);
                        List<String> codes = help.substring(help.indexOf("Exit codes:")).lines().skip(1)
                                .filter(line -> line.matches("\\s+\\d+\\s.*")).map(line -> line.strip().split("\\s+")[0])
                                .toList();
                        assertThat(codes).as(help).containsExactly("0", "1", "2", "70");
                    }));
        });
    }

    @TestFactory
    Stream<DynamicTest> grade_all_and_grade_say_what_their_own_exit_codes_mean() {
        return Stream.of("grade-all", "grade").map(name -> DynamicTest.dynamicTest(name, () -> {
            // WHEN the command is asked for help
            CommandLineRun run = CommandLineRun.of(name, "--help");
            // THEN its exit code 1 is its own (grade-all: not graded; grade: points lost), never the generic one
            assertThat(run.out()).doesNotContain("what was checked or graded failed")
                    .contains(name.equals("grade-all") ? "1   some submissions could not be graded" : "1   graded, with points lost");
        }));
    }

    @org.junit.jupiter.api.Test
    void quiz_stack_says_its_seed_chooses_the_program_and_the_other_quizzes_the_order() {
        // WHEN the question quizzes are asked for help
        String stack = CommandLineRun.of("quiz", "stack", "--help").out().replaceAll("\\s+", " ");
        String strategy = CommandLineRun.of("quiz", "strategy", "--help").out().replaceAll("\\s+", " ");
        // THEN each says what its seed really changes
        assertThat(stack).contains("--seed=S chooses the program (functions, locals, calls and returns); default 0")
                .doesNotContain("order of the questions");
        assertThat(strategy).contains("--seed=S chooses the order of the questions; default 0");
    }

    @org.junit.jupiter.api.Test
    void export_starter_help_wraps_its_description_as_one_paragraph() {
        // WHEN export-starter is asked for help
        String help = CommandLineRun.of("export-starter", "--help").out();
        // THEN no line ends mid-sentence on a word of its own (picocli wraps a description line; two lines break)
        assertThat(help.lines()).noneMatch(line -> line.equals("tests;"));
        assertThat(help.replaceAll("\\s+", " ")).contains("no hidden tests; alloclab's core is bundled");
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
