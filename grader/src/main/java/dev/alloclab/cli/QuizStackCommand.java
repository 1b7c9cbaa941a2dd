package dev.alloclab.cli;

import dev.alloclab.companion.quiz.Question;
import dev.alloclab.companion.quiz.StackQuiz;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code alloclab quiz stack}: Say what stack_length is after each call and return. */
@Command(name = "stack", header = "Say what stack_length is after each call and return.",
        description = {"Reads one answer per line from standard input; --answers prints the answer key."})
final class QuizStackCommand extends QuestionQuizCommand {
    @Option(names = "--steps", paramLabel = "N", defaultValue = "6",
            description = "how many calls and returns after main; default ${DEFAULT-VALUE}")
    int steps;

    @Option(names = {"--seed", "-s"}, paramLabel = "S", defaultValue = "0",
            description = "chooses the program (functions, locals, calls and returns); default ${DEFAULT-VALUE}")
    long seed;

    @Override
    String title() {
        return "What is stack_length now? The stack starts empty (stack_length 0).";
    }

    @Override
    List<Question> questions() {
        return StackQuiz.questions(steps, seed);
    }
}
