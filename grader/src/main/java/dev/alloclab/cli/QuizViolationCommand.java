package dev.alloclab.cli;

import dev.alloclab.companion.quiz.Question;
import dev.alloclab.companion.quiz.QuizSession;
import dev.alloclab.companion.quiz.ViolationQuiz;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code alloclab quiz violation}: Name the mistake the checked heap reports for a few lines of a program. */
@Command(name = "violation", header = "Name the mistake the checked heap reports for a few lines of a program.",
        description = {"Reads one answer per line from standard input; --answers prints the answer key."})
final class QuizViolationCommand implements Callable<Integer> {
    private static final String TITLE = "which violation is this? Each program runs on the checked heap.";

    @Spec
    CommandSpec spec;

    @ParentCommand
    QuizCommand quiz;

    @Option(names = {"--seed", "-s"}, paramLabel = "S", defaultValue = "0",
            description = "chooses the order of the questions; default ${DEFAULT-VALUE}")
    long seed;

    @Option(names = {"--answers", "-c"}, description = "print the answer key instead of asking")
    boolean answers;

    @Override
    public Integer call() {
        List<Question> questions = ViolationQuiz.questions(seed);
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
