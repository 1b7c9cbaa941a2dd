package dev.alloclab.cli;

import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code alloclab quiz KIND}: predict, then check. Each kind is a subcommand; all of them read the
 * learner's answers one line at a time from standard input, so a quiz can be scripted
 * ({@code printf '1000\n1010 90\n' | alloclab quiz freespace --ops +10}).
 */
@Command(name = "quiz", header = "Predict-the-heap quizzes: free-space placement, dealloc strategy, violations, stack_length.",
        description = {"Each quiz asks, reads one answer per line from standard input, checks it and explains a wrong one.",
            "Exits 0 when every answer was right, 1 otherwise."},
        subcommands = {QuizFreeSpaceCommand.class, QuizStrategyCommand.class, QuizViolationCommand.class,
            QuizStackCommand.class})
final class QuizCommand implements java.util.concurrent.Callable<Integer> {
    @Spec
    CommandSpec spec;

    private Reader input;

    /** Without a subcommand there is nothing to run: say what to choose, show the choices, exit 2. */
    @Override
    public Integer call() {
        spec.commandLine().getErr().println(spec.name() + ": choose a quiz: freespace, strategy, violation or stack (./alloclab quiz freespace).");
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.BAD_INPUT;
    }

    /** Where answers come from; tests set a script, the command line reads standard input. */
    void useInput(Reader reader) {
        this.input = reader;
    }

    Reader input() {
        if (input == null) {
            input = new InputStreamReader(System.in, Charset.defaultCharset());
        }
        return input;
    }
}
