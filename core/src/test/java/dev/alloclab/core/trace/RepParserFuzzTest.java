package dev.alloclab.core.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;

/**
 * Issue 8, part 4: whatever bytes a trace holds, the parser answers with a trace or a
 * {@link TraceFormatException} that names the file and a line inside it, never another exception.
 * Inputs are valid traces with a few mutations each: characters and tokens deleted, inserted or
 * replaced, huge numbers, negative ids, line breaks moved.
 */
class RepParserFuzzTest {
    private static final List<String> SEEDS = List.of(
            "20000\n3\n5\n1\na 0 512\na 1 128\nr 0 640\nf 1\nf 0\n",
            "1 2 4 0\r\na 0 8\nw 0 0 8\nrd 0 4 4\nf 0\n",
            "0\n2\n6\n1\na 0 24\na 1 40\nr 1 4000\nf 0\nr 1 8\nf 1\n\n\n",
            "# comment\n0\n1\n3\n1\na 0 16  # x\nw 0 -8 24\nf 0\n");
    private static final List<String> TOKENS = List.of(
            "a", "f", "r", "w", "rd", "-1", "0", "1", "9", "-", "+", "#", " ", "\t", "\n", "\r\n", "\r",
            "9223372036854775807", "9223372036854775808", "-9223372036854775808", "99999999999999999999",
            "2147483648", "-2147483649", "10000001", "1e9", "0x10", "\u0000", "\u00e9", "\ufffd");

    /** A single mutation: where it happens, what it does and with what. */
    record Mutation(int position, int action, String token, int length) {
        String applyTo(String text) {
            int at = text.isEmpty() ? 0 : position % (text.length() + 1);
            int end = Math.min(text.length(), at + length);
            return switch (action) {
                case 0 -> text.substring(0, at) + text.substring(end);             // delete
                case 1 -> text.substring(0, at) + token + text.substring(at);      // insert
                default -> text.substring(0, at) + token + text.substring(end);    // replace
            };
        }
    }

    @Provide
    Arbitrary<String> mutatedTraces() {
        Arbitrary<Mutation> mutation = Combinators.combine(
                Arbitraries.integers().between(0, 10_000),
                Arbitraries.integers().between(0, 2),
                Arbitraries.oneOf(Arbitraries.of(TOKENS), Arbitraries.strings().ofMaxLength(3)),
                Arbitraries.integers().between(1, 6)).as(Mutation::new);
        return Combinators.combine(Arbitraries.of(SEEDS), mutation.list().ofMinSize(1).ofMaxSize(4))
                .as((seed, mutations) -> {
                    String text = seed;
                    for (Mutation m : mutations) {
                        text = m.applyTo(text);
                    }
                    return text;
                });
    }

    @Property(tries = 100_000, shrinking = ShrinkingMode.BOUNDED)
    void a_mutated_trace_parses_or_fails_with_file_and_line_in_both_modes(@ForAll("mutatedTraces") String text) {
        for (ParseMode mode : ParseMode.values()) {
            // a line ends in \n, \r\n, or (a file with no \n at all, read leniently) a lone \r
            int lines = text.split("\r\n|\r|\n", -1).length;
            try {
                Trace trace = Trace.parse("fuzz.rep", text, mode);
                assertThat(trace.ops().size()).isGreaterThanOrEqualTo(trace.header().opCount());
            } catch (TraceFormatException e) {
                assertThat(e.getMessage()).startsWith("fuzz.rep:" + e.line() + ":" + e.column() + ": ");
                assertThat(e.line()).isBetween(1, lines);
                assertThat(e.column()).isPositive();
            } catch (RuntimeException e) {
                fail("parsing in " + mode + " threw " + e + " for:\n" + text, e);
            }
        }
    }
}
