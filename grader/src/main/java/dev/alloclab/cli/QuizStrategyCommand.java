package dev.alloclab.cli;

import dev.alloclab.companion.quiz.Question;
import dev.alloclab.companion.quiz.StrategyQuiz;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code alloclab quiz strategy}: which dealloc placement holds too long, which is optimal, which is a mistake. */
@Command(name = "strategy", header = "Which dealloc placement holds memory too long, which is optimal, which is a mistake: the worked example, four ways.",
        description = {"Reads one answer per line from standard input; --answers prints the answer key."})
final class QuizStrategyCommand extends QuestionQuizCommand {
    @Option(names = {"--seed", "-s"}, paramLabel = "S", defaultValue = "0",
            description = "chooses the order of the questions; default ${DEFAULT-VALUE}")
    long seed;

    @Override
    String title() {
        return "When should dealloc run? The worked example with its dealloc lines placed four ways.";
    }

    @Override
    List<Question> questions() {
        return StrategyQuiz.questions(seed);
    }
}
