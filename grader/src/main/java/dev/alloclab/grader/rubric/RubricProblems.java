package dev.alloclab.grader.rubric;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.alloclab.grader.GradingException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The problems found in one rubric, gathered while {@link RubricLoader} checks every value, and reported together
 * in the order of the file. An instructor who mistyped three values learns of all three at once, first one first,
 * instead of fixing them one load at a time in the order the loader happened to check them.
 *
 * <p>One problem is the sentence it always was: {@code rubric 'course.json': "exercises.vec.hidden" must be a
 * number, not "six".} Several are one message, a line each with its line number in the file and its key:
 * <pre>
 *   rubric 'course.json' has 2 problems, in file order:
 *     line 4: "exercises.vec.hidden" must be a number, not "six".
 *     line 9: "limits.timeoutSeconds" is 0; it must be between 1 and 600.
 *   Fix them all: a rubric is used only when every value in it is allowed.
 * </pre>
 */
final class RubricProblems {
    /** One broken rule: the dotted path of the key it is about ("" for the whole rubric), and the sentence. */
    private record Problem(String path, String sentence) {
    }

    private final String name;
    private final List<Problem> problems = new ArrayList<>();

    /** @param name the rubric as messages name it ({@code rubric 'course.json'}) */
    RubricProblems(String name) {
        this.name = name;
    }

    /** The rubric's name, for the sentences that are not gathered (broken JSON, a rubric of no points). */
    String name() {
        return name;
    }

    /**
     * Notes a problem with the key at {@code path} (dotted, {@code exercises.bump.hidden}); {@code sentence} says what
     * is wrong and what to write instead, without the rubric's name.
     */
    void add(String path, String sentence) {
        problems.add(new Problem(path, sentence));
    }

    /** How many problems so far: a check that depends on earlier values is skipped when those had problems. */
    int count() {
        return problems.size();
    }

    /**
     * Throws the problems found, if any: one as its sentence, several as one message in file order.
     *
     * @param text the rubric's text, where the line of each key is looked up
     * @param json the mapper that read it (same comments and commas allowed)
     */
    void throwIfAny(String text, ObjectMapper json) {
        if (problems.isEmpty()) {
            return;
        }
        if (problems.size() == 1) {
            throw new GradingException(name + ": " + problems.get(0).sentence());
        }
        Map<String, KeyAt> keys = keyLocations(text, json);
        List<Problem> ordered = new ArrayList<>(problems);
        // stable: problems about the same key keep the order they were found in
        ordered.sort(Comparator.comparingLong(p -> locate(p.path(), keys).offset()));
        StringBuilder message = new StringBuilder(name).append(" has ").append(problems.size())
                .append(" problems, in file order:");
        for (Problem p : ordered) {
            KeyAt at = locate(p.path(), keys);
            message.append("\n  ").append(at == KeyAt.NOWHERE ? "" : "line " + at.line() + ": ").append(p.sentence());
        }
        message.append("\nFix them all: a rubric is used only when every value in it is allowed.");
        throw new GradingException(message.toString());
    }

    /** Where a key is in the text: its line (1-based) for the message, its character offset for the order. */
    private record KeyAt(int line, long offset) {
        /** A problem whose key is not in the file (a missing "exercises"): listed last, without a line. */
        static final KeyAt NOWHERE = new KeyAt(0, Long.MAX_VALUE);
    }

    /** Where {@code path}'s key is, else its nearest enclosing key; {@link KeyAt#NOWHERE} when none is in the file. */
    private static KeyAt locate(String path, Map<String, KeyAt> keys) {
        String p = path;
        while (!p.isEmpty()) {
            KeyAt at = keys.get(p);
            if (at != null) {
                return at;
            }
            int dot = p.lastIndexOf('.');
            p = dot < 0 ? "" : p.substring(0, dot);
        }
        return KeyAt.NOWHERE;
    }

    /**
     * Where every key in {@code text} is, by dotted path. The text has already been read as JSON; should this
     * second reading fail all the same, the problems are listed without lines.
     */
    private static Map<String, KeyAt> keyLocations(String text, ObjectMapper json) {
        Map<String, KeyAt> lines = new HashMap<>();
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        try (JsonParser parser = json.createParser(body)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.FIELD_NAME) {
                    com.fasterxml.jackson.core.JsonLocation at = parser.currentTokenLocation();
                    lines.putIfAbsent(dotted(parser.getParsingContext().pathAsPointer()),
                            new KeyAt(at.getLineNr(), at.getCharOffset()));
                }
            }
        } catch (java.io.IOException | RuntimeException unreadable) {
            return lines;
        }
        return lines;
    }

    /** {@code /exercises/bump/hidden} as {@code exercises.bump.hidden}. */
    private static String dotted(JsonPointer pointer) {
        StringBuilder path = new StringBuilder();
        for (JsonPointer p = pointer; p != null && !p.matches(); p = p.tail()) {
            path.append(path.length() == 0 ? "" : ".").append(p.getMatchingProperty());
        }
        return path.toString();
    }
}
