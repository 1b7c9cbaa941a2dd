package dev.alloclab.companion.quiz;

import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * One question of a multiple-choice or number quiz: what to show, what to ask, the answer (worked
 * out by running the kit's own model, never typed in by hand) and why it is the answer.
 *
 * @param shown       the program or situation, one line each
 * @param prompt      the question
 * @param expected    the answer, as the answer key prints it
 * @param accepts     which typed answers count as right
 * @param explanation why, shown after a wrong answer and in the answer key
 */
public record Question(List<String> shown, String prompt, String expected, Predicate<String> accepts,
        String explanation) {
    public Question {
        shown = List.copyOf(shown);
    }

    /** A question whose answer is a whole number. */
    public static Question number(List<String> shown, String prompt, int expected, String explanation) {
        return new Question(shown, prompt, Integer.toString(expected),
                typed -> typed.trim().matches("-?\\d{1,10}") && Long.parseLong(typed.trim()) == expected, explanation);
    }

    /** A question answered by one of {@code choices}: by its number (1-based) or by its word. */
    public static Question choice(List<String> shown, String prompt, List<String> choices, int answer,
            String explanation) {
        String word = choices.get(answer);
        return new Question(shown, prompt, (answer + 1) + " (" + word + ")", typed -> {
            String t = typed.trim().toLowerCase(Locale.ROOT);
            return t.equals(Integer.toString(answer + 1)) || t.equals(word.toLowerCase(Locale.ROOT));
        }, explanation);
    }

    /** Asks this question in {@code session}; false when wrong or when the input ended. */
    public boolean ask(QuizSession session) {
        shown.forEach(line -> session.out().println("  " + line));
        return session.ask(prompt).map(typed -> session.grade(accepts.test(typed), expected, explanation))
                .orElse(false);
    }

    /** Runs a whole quiz of {@code questions} with a title; true when every answer was right. */
    public static boolean askAll(QuizSession session, String title, List<Question> questions) {
        session.out().println(title);
        for (int i = 0; i < questions.size() && !session.inputEnded(); i++) {
            session.out().println();
            session.out().println("question " + (i + 1) + " of " + questions.size() + ":");
            questions.get(i).ask(session);
        }
        session.out().println();
        session.out().println(session.summary(questions.size()));
        session.out().flush();
        return session.allRight(questions.size());
    }

    /** The answer key: every question with its answer and the reason. */
    public static String answerKey(String title, List<Question> questions) {
        StringBuilder text = new StringBuilder(title).append('\n');
        for (int i = 0; i < questions.size(); i++) {
            Question q = questions.get(i);
            text.append('\n').append("question ").append(i + 1).append(":\n");
            q.shown().forEach(line -> text.append("  ").append(line).append('\n'));
            text.append("  ").append(q.prompt()).append('\n');
            text.append("  answer: ").append(q.expected()).append('\n');
            text.append("  ").append(q.explanation().replace("\n", "\n  ")).append('\n');
        }
        return text.toString();
    }
}
