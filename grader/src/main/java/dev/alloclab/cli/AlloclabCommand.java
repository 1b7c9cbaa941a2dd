package dev.alloclab.cli;

import java.util.List;
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
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            " 0:success",
            " 1:what was checked or graded failed",
            " 2:bad command line or unreadable input (submission, trace, rubric)",
            "70:a bug in alloclab (the stack trace is printed: please report it)"})
public final class AlloclabCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut()); // asked for by running no command: on stdout, exit 0
    }

    /** The subcommands, in the order the usage lists them. */
    static final List<Class<?>> SUBCOMMANDS = List.of(
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
            CheckCommand.class,
            CoverageCommand.class,
            MeasureCommand.class,
            HintCommand.class,
            WatchCommand.class,
            HelpCommand.class);

    /** The command line with every subcommand and alloclab's error handlers; tests call {@code execute} on it. */
    public static CommandLine commandLine() {
        return commandLine(null);
    }

    /**
     * The command line for {@code args}: when the first argument names a subcommand, only that one is added.
     * picocli reads every subcommand's annotations when it is added, and doing that for all of them took about
     * a quarter of a second of each run (a twentieth of a whole grade); the usage of {@code alloclab} alone,
     * {@code --help} and {@code help} still see them all.
     */
    static CommandLine commandLine(String first) {
        boolean one = first != null && SUBCOMMANDS.stream().anyMatch(c -> nameOf(c).equals(first) && c != HelpCommand.class);
        CommandLine line = new CommandLine(new AlloclabCommand())
                .setParameterExceptionHandler(new ShortUsageErrors())
                .setExecutionExceptionHandler(new KitErrors());
        for (Class<?> subcommand : SUBCOMMANDS) {
            if (!one || nameOf(subcommand).equals(first)) {
                line.addSubcommand(subcommand);
            }
        }
        // after the subcommands: picocli gives a converter to those added before it
        line.registerConverter(java.nio.file.Path.class, PathArguments::of);
        return line;
    }

    private static String nameOf(Class<?> subcommand) {
        return subcommand.getAnnotation(Command.class).name();
    }

    public static void main(String[] args) {
        int code;
        try {
            code = commandLine(args.length > 0 ? args[0] : null).execute(args);
        } catch (OutOfMemoryError tooBig) {
            code = KitErrors.outOfMemory(System.err);
        }
        System.exit(code);
    }
}
