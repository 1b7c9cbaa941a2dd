package dev.alloclab.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code alloclab} command: it only routes to its subcommands (one class each) and prints
 * the usage when called alone.
 */
@Command(name = "alloclab", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT, versionProvider = KitVersion.class,
        description = "A teaching kit for manual memory management: the worked example, allocators, "
                + "traces, and a grader.",
        subcommands = {
            DemoCommand.class,
            ExampleCommand.class,
            ListCommand.class,
            ReplayCommand.class,
            TracesCommand.class,
            BenchCommand.class,
            GradeCommand.class,
            GradeAllCommand.class,
            ExportStarterCommand.class,
            ExportGradescopeCommand.class,
            ExportClassroomCommand.class,
            QuizCommand.class,
            ProgressCommand.class,
            HintCommand.class,
            WatchCommand.class,
            HelpCommand.class,
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            " 0:success",
            " 1:what was checked or graded failed",
            " 2:bad command line or unreadable input (submission, trace, rubric)"})
public final class AlloclabCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }

    /** The command line, with alloclab's error handlers; tests call {@code execute} on it. */
    public static CommandLine commandLine() {
        return new CommandLine(new AlloclabCommand())
                .setParameterExceptionHandler(new ShortUsageErrors())
                .setExecutionExceptionHandler(new KitErrors());
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
