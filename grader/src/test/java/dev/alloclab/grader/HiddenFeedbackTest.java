package dev.alloclab.grader;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import dev.alloclab.testing.KitRoot;

/**
 * A hidden test's failure message is all a student sees of it (its source never ships), and a bare
 * "expected: 0 but was: 49999" does not say what was measured. So every check in the hidden suites carries an
 * AssertJ description: {@code assertThat(..).as("..")}, and {@code assertThatThrownBy(call, "..")} (a
 * {@code .as} after {@code assertThatThrownBy} is lost when the call throws nothing, the commonest failure).
 */
class HiddenFeedbackTest {
    private static final String ASSERT = "assertThat(";
    private static final String THROWN = "assertThatThrownBy(";

    @Test
    void every_check_in_the_hidden_suites_says_what_it_measured() throws IOException {
        // GIVEN the hidden suites' sources
        Path hidden = KitRoot.path()
                .resolve("grader/src/main/hidden");
        List<Path> suites;
        try (Stream<Path> walk = Files.walk(hidden)) {
            suites = walk.filter(p -> p.getFileName().toString().endsWith(".java")).sorted().toList();
        }
        assertThat(suites).as("hidden suites under %s", hidden).isNotEmpty();
        // WHEN every assertion statement is read
        List<String> bare = new ArrayList<>();
        for (Path suite : suites) {
            for (String statement : undescribed(Files.readString(suite))) {
                bare.add(hidden.relativize(suite) + ": " + statement);
            }
        }
        // THEN each one carries a description
        assertThat(bare).as("hidden checks that would fail with a bare value: add .as(\"what was measured, after "
                + "which call, what the contract says\") before the check, or assertThatThrownBy(call, \"...\")")
                .isEmpty();
    }

    @Test
    void the_reader_tells_described_checks_from_bare_ones() {
        String source = """
                assertThat(a.alloc(8)).isEqualTo(8);
                assertThat(a.alloc(8)).as("payload of alloc(8)").isEqualTo(8);
                assertThatThrownBy(() -> a.alloc(-1)).as("lost when nothing is thrown").isInstanceOf(E.class);
                assertThatThrownBy(() -> { run(); call(1, 2); }, "alloc(-1) throws").isInstanceOf(E.class);
                assertThatThrownBy(() -> f(\"a, b\")).isInstanceOf(E.class);
                String s = "assertThat(x).isZero();";
                """;
        assertThat(undescribed(source)).containsExactly(
                "assertThat(a.alloc(8)).isEqualTo(8)",
                "assertThatThrownBy(() -> a.alloc(-1)).as(\"lost when nothing is thrown\").isInstanceOf(E.class)",
                "assertThatThrownBy(() -> f(\"a, b\")).isInstanceOf(E.class)");
    }

    /** The assertion statements of {@code source} that carry no description, each up to its semicolon. */
    static List<String> undescribed(String source) {
        String code = code(source);
        List<String> found = new ArrayList<>();
        for (int i = 0; i < code.length(); i++) {
            boolean thrown = code.startsWith(THROWN, i);
            if (!thrown && !code.startsWith(ASSERT, i)) {
                continue;
            }
            int open = i + (thrown ? THROWN : ASSERT).length() - 1;
            int end = statementEnd(code, i);
            boolean described = thrown ? topLevelArguments(code, open) >= 2 : code.substring(open, end).contains(".as(");
            if (!described) {
                found.add(source.substring(i, end).strip());
            }
            i = end;
        }
        return found;
    }

    /**
     * {@code source} with the inside of every string and char literal and every comment blanked out (same length),
     * so that the scans below see only code: no quote, comma, bracket or {@code .as(} of a literal counts.
     */
    static String code(String source) {
        StringBuilder code = new StringBuilder(source);
        int i = 0;
        while (i < source.length()) {
            int from = i;
            int to;
            if (source.charAt(i) == '"' || source.charAt(i) == '\'') {
                to = skipLiteral(source, i);
                from++; // keep the quotes
                blank(code, from, to - 1);
            } else if (source.startsWith("//", i) || source.startsWith("/*", i)) {
                int close = source.startsWith("//", i) ? source.indexOf('\n', i) : source.indexOf("*/", i + 2);
                to = close < 0 ? source.length() : source.startsWith("//", i) ? close : close + 2;
                blank(code, from, to);
            } else {
                to = i + 1;
            }
            i = to;
        }
        return code.toString();
    }

    private static void blank(StringBuilder code, int from, int to) {
        for (int i = from; i < Math.min(to, code.length()); i++) {
            code.setCharAt(i, ' ');
        }
    }

    /** How many arguments the call whose parenthesis opens at {@code open} has (commas at its own depth, plus one). */
    private static int topLevelArguments(String code, int open) {
        int depth = 0;
        int arguments = 1;
        for (int i = open; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c == '(' || c == '{' || c == '[') {
                depth++;
            } else if (c == ')' || c == '}' || c == ']') {
                depth--;
                if (depth == 0) {
                    return arguments;
                }
            } else if (c == ',' && depth == 1) {
                arguments++;
            }
        }
        return arguments;
    }

    /** The index of the semicolon that ends the statement starting at {@code start}, or the end of the code. */
    private static int statementEnd(String code, int start) {
        int depth = 0;
        for (int i = start; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c == '(' || c == '{' || c == '[') {
                depth++;
            } else if (c == ')' || c == '}' || c == ']') {
                depth--;
            } else if (c == ';' && depth == 0) {
                return i;
            }
        }
        return code.length();
    }

    /** The index just past the string or char literal opening at {@code start}. */
    private static int skipLiteral(String source, int start) {
        char quote = source.charAt(start);
        int i = start + 1;
        while (i < source.length() && source.charAt(i) != quote) {
            i += source.charAt(i) == '\\' ? 2 : 1;
        }
        return i + 1;
    }
}
