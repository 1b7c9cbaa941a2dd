package dev.alloclab.cli;

import dev.alloclab.companion.quiz.Question;
import dev.alloclab.companion.quiz.ViolationQuiz;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code alloclab quiz violation}: Name the mistake the checked heap reports for a few lines of a program. */
@Command(name = "violation", header = "Name the mistake the checked heap reports for a few lines of a program.",
        description = {"Reads one answer per line from standard input; --answers prints the answer key."})
final class QuizViolationCommand extends QuestionQuizCommand {
    @Option(names = {"--seed", "-s"}, paramLabel = "S", defaultValue = "0",
            description = "chooses the order of the questions; default ${DEFAULT-VALUE}")
    long seed;

    @Override
    String title() {
        return "Which violation is this? Each program runs on the checked heap.";
    }

    @Override
    List<Question> questions() {
        return ViolationQuiz.questions(seed);
    }
}
