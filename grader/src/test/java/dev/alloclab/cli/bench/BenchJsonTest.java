package dev.alloclab.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.alloclab.core.check.ValidationFailure;
import dev.alloclab.core.trace.ReplayReport;
import dev.alloclab.core.trace.Replayer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code bench --format json} for a fixed result, checked field by field against the layout docs/formats.md
 * describes (the one the hand-written writer before Jackson printed): same names, same order, same values, four
 * decimals, {@code null} for what cannot be computed, and text escaped.
 */
class BenchJsonTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String A = "/courses/traces/a.rep";
    private static final String EMPTY = "/courses/traces/empty.rep";
    private static final String NULLED = "1 request larger than the heap (20971520 bytes) was replayed as null";

    /** Two allocators on a folder, against libc, with --check: one passes both traces, one fails one and loses one. */
    private static BenchResult fixedResult() {
        BenchSettings settings = new BenchSettings(List.of(BenchedAllocator.registered("segregated"),
                BenchedAllocator.registered("implicit")), Path.of("/courses/traces"),
                20 << 20, 3, 10, Replayer.Clock.THREAD_CPU, true, true, false);
        BenchTable passes = new BenchTable("segregated", List.of(
                new ReplayReport(A, "segregated", 4, 0, Optional.empty(), 500, 1000, 2_000_000, List.of()),
                new ReplayReport(EMPTY, "segregated", 0, 0, Optional.empty(), 0, 0, Double.NaN, List.of())),
                List.of(OptionalDouble.of(4_000_000), OptionalDouble.of(1_000_000)));
        ValidationFailure outOfMemory = new ValidationFailure(ValidationFailure.Kind.OUT_OF_MEMORY, 3, 7, "a 2 8000000",
                "the heap cannot grow \"past\" its limit", 0, 0, "", "");
        BenchTable fails = new BenchTable("implicit", List.of(
                new ReplayReport(A, "implicit", 4, 0, Optional.of(outOfMemory), 500, 1000, Double.NaN, List.of())),
                List.of(OptionalDouble.of(4_000_000)));
        return new BenchResult(settings, List.of(
                new BenchResult.AllocatorResult(passes, List.of(OptionalDouble.of(500_000), OptionalDouble.empty()), List.of()),
                new BenchResult.AllocatorResult(fails, List.of(OptionalDouble.empty()),
                        List.of(EMPTY + " on implicit: the Java VM has no room\nfor it"))),
                2, List.of("c.rep:6:3: block id 7\tis not announced"), Map.of(A, List.of(NULLED), EMPTY, List.of()),
                Map.of(), 1);
    }

    /** The document as the writer before Jackson laid it out, written out by hand from the fixed result. */
    private static final String EXPECTED = """
            {
              "runs": 3,
              "clock": "cpu",
              "traces": "/courses/traces",
              "libcKeepsHeap": false,
              "allocators": [
                {"allocator": "segregated", "valid": true,
                  "traces": [
                    {"trace": "/courses/traces/a.rep", "ops": 4, "valid": true, "utilization": 0.5000, "kops": 2000.0000, \
            "libcKops": 4000.0000, "versusLibc": 0.5000, "checkedKops": 500.0000, "checkedSlowdown": 4.0000, \
            "changes": ["1 request larger than the heap (20971520 bytes) was replayed as null"]},
                    {"trace": "/courses/traces/empty.rep", "ops": 0, "valid": true, "utilization": null, "kops": null, \
            "libcKops": null, "versusLibc": null, "changes": []}
                  ],
                  "averages": {"utilization": 0.5000, "minUtilization": 0.5000, "kops": 2000.0000, "libcKops": 4000.0000, \
            "versusLibc": 0.5000},
                  "throughputTarget": {"kops": 4000.0000, "source": "libc"},
                  "performanceIndex": 50.0000},
                {"allocator": "implicit", "valid": false,
                  "traces": [
                    {"trace": "/courses/traces/a.rep", "ops": 4, "valid": false, "utilization": 0.5000, "kops": null, \
            "libcKops": 4000.0000, "versusLibc": null, \
            "failure": "out of memory at op 3 (trace line 7: a 2 8000000): the heap cannot grow \\"past\\" its limit", \
            "changes": ["1 request larger than the heap (20971520 bytes) was replayed as null"]}
                  ],
                  "averages": {"utilization": null, "minUtilization": null, "kops": null, "libcKops": null, "versusLibc": null},
                  "throughputTarget": {"kops": null, "source": "libc"},
                  "performanceIndex": 0.0000,
                  "notReplayed": ["/courses/traces/empty.rep on implicit: the Java VM has no room\\nfor it"]}
              ],
              "unreadable": [
                "c.rep:6:3: block id 7\\tis not announced"
              ]
            }
            """;

    @Test
    void a_fixed_result_prints_the_documented_fields_in_their_order_with_their_values() throws Exception {
        // GIVEN a fixed result WHEN it is printed as JSON
        String json = BenchJson.render(fixedResult());
        // THEN it is the same document as the one written out by hand: names, order, values and nesting
        assertThat(compact(json)).isEqualTo(compact(EXPECTED));
    }

    @Test
    void every_figure_has_four_decimals_and_the_document_ends_with_a_line_break() {
        String json = BenchJson.render(fixedResult());
        Matcher decimals = Pattern.compile("\\d+\\.(\\d+)").matcher(json.replaceAll("\"[^\"]*\"", "\"\""));
        int figures = 0;
        while (decimals.find()) {
            assertThat(decimals.group(1)).as(decimals.group()).hasSize(4);
            figures++;
        }
        assertThat(figures).isEqualTo(16);
        assertThat(json).endsWith("}\n").doesNotContain("NaN");
    }

    /** One line, keys in their order: two documents compare equal only if they hold the same fields in the same order. */
    private static String compact(String json) throws Exception {
        return MAPPER.writeValueAsString(MAPPER.readTree(json));
    }
}
