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
 * @param understood  which typed answers have the answer's form at all (a number, one of the choices):
 *                    any other gets a "not understood" note, so a typo is not read as a wrong prediction
 * @param form        that form in words, for the note: {@code 'foo' is not a whole number.}
 */
public record Question(List<String> shown, String prompt, String expected, Predicate<String> accepts,
        String explanation, Predicate<String> understood, String form) {
    private static final String WHOLE_NUMBER = "-?\\d{1,10}";

    public Question {
        shown = List.copyOf(shown);
    }

    /** A question whose answer is a whole number. */
    public static Question number(List<String> shown, String prompt, int expected, String explanation) {
        return new Question(shown, prompt, Integer.toString(expected),
                typed -> typed.trim().matches(WHOLE_NUMBER) && Long.parseLong(typed.trim()) == expected, explanation,
                typed -> typed.trim().matches(WHOLE_NUMBER), "a whole number");
    }

    /** A question answered by one of {@code choices}: by its number (1-based) or by its word. */
    public static Question choice(List<String> shown, String prompt, List<String> choices, int answer,
            String explanation) {
        String word = choices.get(answer);
        return new Question(shown, prompt, (answer + 1) + " (" + word + ")", typed -> choiceIndex(typed, choices) == answer,
                explanation, typed -> choiceIndex(typed, choices) >= 0,
                "one of the choices (a number from 1 to " + choices.size() + ", or its name)");
    }

    /** The 0-based choice {@code typed} names, by number or by word; -1 when it names none. */
    static int choiceIndex(String typed, List<String> choices) {
        String t = typed.trim().toLowerCase(Locale.ROOT);
        for (int i = 0; i < choices.size(); i++) {
            if (t.equals(Integer.toString(i + 1)) || t.equals(choices.get(i).toLowerCase(Locale.ROOT))) {
                return i;
            }
        }
        return -1;
    }

    /** Asks this question in {@code session}; false when wrong or when the input ended. */
    public boolean ask(QuizSession session) {
        shown.forEach(line -> session.out().println("  " + line));
        return session.ask(prompt).map(typed -> {
            boolean right = accepts.test(typed);
            String note = right || understood.test(typed) ? "" : notUnderstood(typed, form) + "\n";
            return session.grade(right, expected, note + explanation);
        }).orElse(false);
    }

    /** {@code ('foo' is not a whole number.)}: shown above the explanation of an answer that was not understood. */
    public static String notUnderstood(String typed, String form) {
        return "('" + typed + "' is not " + form + ".)";
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
