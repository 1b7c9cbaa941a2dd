package dev.alloclab.cli;

import dev.alloclab.companion.quiz.Question;
import dev.alloclab.companion.quiz.QuizSession;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * What every question-and-answer quiz does: ask its questions one per line from standard input
 * (exit 0 when all were right, 1 otherwise), or print the answer key with {@code --answers}.
 * A quiz says only what it is called and which questions it asks.
 */
abstract class QuestionQuizCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    QuizCommand quiz;

    @Option(names = {"--answers", "-c"}, description = "print the answer key instead of asking")
    boolean answers;

    /** The line shown above the questions. */
    abstract String title();

    /**
     * The questions for this run, from the quiz's own options. Each quiz declares its {@code --seed}, since what the
     * seed chooses differs: the order of fixed questions (strategy, violation) or the program asked about (stack).
     */
    abstract List<Question> questions();

    @Override
    public Integer call() {
        List<Question> questions = questions();
        PrintWriter out = spec.commandLine().getOut();
        if (answers) {
            out.print(Question.answerKey(title(), questions));
            out.flush();
            return ExitCodes.OK;
        }
        boolean allRight = Question.askAll(new QuizSession(quiz.input(), out), title(), questions);
        return allRight ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }
}
