package dev.alloclab.cli;

import dev.alloclab.companion.KitOnlyCommands;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code alloclab} command of a student starter ({@code ./alloclab} at the starter's root):
 * only the companion — progress, check, coverage, measure, hints, watch and quizzes. It is the entry point of
 * {@code lib/alloclab-companion.jar}, which holds none of the grader, so a student never needs
 * (nor gets) the instructor's tools. {@link AlloclabCommand} is the full command of the kit.
 */
@Command(name = "alloclab", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT, versionProvider = KitVersion.class,
        description = "Your companion for the alloclab exercises: where you are, a check of one exercise (what "
                + "GitHub Classroom runs), the coverage your own tests would earn, the Malloc Lab table of your own allocator, "
                + "hints one at a time, "
                + "a watch mode that re-runs your tests, and predict-the-heap quizzes.",
        subcommands = {
            ProgressCommand.class,
            CheckCommand.class,
            CoverageCommand.class,
            MeasureCommand.class,
            HintCommand.class,
            WatchCommand.class,
            QuizCommand.class,
            HelpCommand.class,
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            " 0:success",
            " 1:a check failed (a test, a compile error, a wrong answer)",
            " 2:bad command line or unreadable input",
            "70:a bug in alloclab (the stack trace is printed: please report it)"})
public final class StudentCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }

    /** The command line, with alloclab's error handlers; tests call {@code execute} on it. */
    public static CommandLine commandLine() {
        return new CommandLine(new StudentCommand())
                .setParameterExceptionHandler(StudentCommand::kitOnlyOrShortUsage)
                .setExecutionExceptionHandler(new KitErrors());
    }

    /**
     * A command of the full kit typed in the starter ({@code ./alloclab demo}, as the learning path says) gets a
     * sentence naming the page that shows its output ({@link KitOnlyCommands}), exit 2; any other bad command
     * line gets the usual short usage error.
     */
    private static int kitOnlyOrShortUsage(ParameterException ex, String[] args) throws Exception {
        if (ex instanceof UnmatchedArgumentException && ex.getCommandLine().getParent() == null && args.length > 0) {
            Optional<String> sentence = KitOnlyCommands.explain(args[0]);
            if (sentence.isPresent()) {
                ex.getCommandLine().getErr().println(ex.getCommandLine().getCommandName() + ": " + sentence.get());
                ex.getCommandLine().getErr().flush();
                return ExitCodes.BAD_INPUT;
            }
        }
        return new ShortUsageErrors().handleParseException(ex, args);
    }

    public static void main(String[] args) {
        int code;
        try {
            code = commandLine().execute(args);
        } catch (OutOfMemoryError tooBig) {
            code = KitErrors.outOfMemory(System.err);
        }
        System.exit(code);
    }
}
