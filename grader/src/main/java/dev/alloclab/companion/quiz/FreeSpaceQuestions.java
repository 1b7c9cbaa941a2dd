package dev.alloclab.companion.quiz;

import java.util.List;
import java.util.Optional;

/**
 * Asks a {@link FreeSpaceQuiz} one operation at a time: for an allocation, the address it returns
 * and then the free list; for a free, the free list. A wrong answer is explained, and the quiz
 * goes on from the true state.
 */
public final class FreeSpaceQuestions {
    private final FreeSpaceQuiz quiz;

    public FreeSpaceQuestions(FreeSpaceQuiz quiz) {
        this.quiz = quiz;
    }

    /** How many answers the quiz asks for. */
    public int questionCount() {
        return (int) quiz.steps().stream().mapToInt(s -> s.op().allocation() ? 2 : 1).sum();
    }

    /** Runs the quiz in {@code session}; true when every answer was right. */
    public boolean run(QuizSession session) {
        var out = session.out();
        out.println(quiz.settings());
        out.println("Predict each call. Addresses are chunk starts (the header is inside the chunk).");
        out.println("Write a free list as address/size pairs in list order, e.g. \"1000 10 1020 80\", or \"empty\".");
        out.println("The list starts as " + FreeSpaceQuiz.listText(quiz.steps().isEmpty() ? List.of()
                : quiz.steps().get(0).listBefore()) + ".");
        for (FreeSpaceStep step : quiz.steps()) {
            out.println();
            out.println("op " + (step.number() + 1) + ": " + step.op().text() + "   " + step.call());
            if (step.op().allocation()) {
                Optional<String> answer = session.ask("  address returned (-1 if it fails)?");
                if (answer.isEmpty()) {
                    break;
                }
                boolean number = answer.get().matches("-?\\d{1,10}");
                boolean right = number && Long.parseLong(answer.get()) == step.returned();
                session.grade(right, Integer.toString(step.returned()),
                        (number ? "" : Question.notUnderstood(answer.get(), "an address (a whole number)") + "\n")
                                + quiz.explainReturn(step));
            }
            Optional<String> list = session.ask("  free list after it?");
            if (list.isEmpty()) {
                break;
            }
            var parsed = FreeListAnswer.parse(list.get());
            boolean right = parsed.isPresent() && parsed.get().equals(step.freeList());
            String explanation = (parsed.isEmpty() ? Question.notUnderstood(list.get(), "a list of address/size pairs") + "\n"
                    : "") + quiz.explainList(step);
            session.grade(right, FreeSpaceQuiz.listText(step.freeList()), explanation);
        }
        out.println();
        out.println(session.summary(questionCount()));
        out.flush();
        return session.allRight(questionCount());
    }
}
