package dev.alloclab.cli;

import dev.alloclab.companion.quiz.Question;
import dev.alloclab.companion.quiz.QuizSession;
import dev.alloclab.companion.quiz.StackQuiz;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code alloclab quiz stack}: Say what stack_length is after each call and return. */
@Command(name = "stack", header = "Say what stack_length is after each call and return.",
        description = {"Reads one answer per line from standard input; --answers prints the answer key."})
final class QuizStackCommand implements Callable<Integer> {
    private static final String TITLE = "what is stack_length now? The stack starts empty (stack_length 0).";

    @Spec
    CommandSpec spec;

    @ParentCommand
    QuizCommand quiz;

    @Option(names = {"--seed", "-s"}, paramLabel = "S", defaultValue = "0",
            description = "chooses the order of the questions; default ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "6",
            description = "how many calls and returns after main; default ${DEFAULT-VALUE}")
    int steps;

    @Option(names = {"--answers", "-c"}, description = "print the answer key instead of asking")
    boolean answers;

    @Override
    public Integer call() {
        List<Question> questions = StackQuiz.questions(steps, seed);
        PrintWriter out = spec.commandLine().getOut();
        if (answers) {
            out.print(Question.answerKey(TITLE, questions));
            out.flush();
            return ExitCodes.OK;
        }
        boolean allRight = Question.askAll(new QuizSession(quiz.input(), out), TITLE, questions);
        return allRight ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }
}
