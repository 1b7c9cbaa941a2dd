package dev.alloclab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.alloclab.core.alloc.sim.FitPolicy;
import dev.alloclab.core.alloc.sim.FreeListConfig;
import dev.alloclab.core.alloc.sim.FreeListSimulator;
import dev.alloclab.core.alloc.sim.ListOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code alloclab quiz freespace --answers --format json} agrees with the simulator driven
 * directly with the same settings, and with an independent reading of the OSTEP rules, for every
 * policy, list order and coalescing setting.
 */
class QuizFreeSpaceAnswersTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Operations as jqwik shrinks them: n > 0 allocates n bytes, n <= 0 frees allocation number -n mod count. */
    @Provide
    Arbitrary<List<Integer>> ops() {
        return Arbitraries.integers().between(-20, 40).list().ofMinSize(1).ofMaxSize(25);
    }

    @Property(tries = 200)
    void the_json_answers_equal_the_simulator_configured_the_same_way(
            @ForAll FitPolicy policy, @ForAll ListOrder order, @ForAll boolean coalesce,
            @ForAll @IntRange(min = 0, max = 8) int header, @ForAll("alignments") int align,
            @ForAll @IntRange(min = 0, max = 3000) int base, @ForAll @IntRange(min = 1, max = 200) int size,
            @ForAll("ops") @Size(min = 1) List<Integer> codes) throws Exception {
        String ops = opsText(codes);
        JsonNode answers = run(policy.kitName(), order.kitName(), coalesce, header, align, base, size, ops);

        FreeListSimulator sim = FreeListSimulator.of(FreeListConfig.builder().policy(policy).order(order)
                .coalescing(coalesce).headerSize(header).alignment(align).base(base).size(size).build());
        List<Integer> pointers = new ArrayList<>();
        String[] items = ops.split(",");
        assertThat(answers).hasSize(items.length);
        for (int i = 0; i < items.length; i++) {
            int value = Integer.parseInt(items[i].substring(1));
            int expected;
            if (items[i].startsWith("+")) {
                expected = sim.allocate(value);
                pointers.add(expected);
            } else {
                int address = pointers.get(value);
                expected = address == -1 ? -1 : sim.free(address);
            }
            JsonNode step = answers.get(i);
            assertThat(step.get("op").asText()).isEqualTo(items[i]);
            assertThat(step.get("returned").asInt()).as("returned by op %d (%s)", i, items[i]).isEqualTo(expected);
            assertThat(listOf(step)).as("free list after op %d (%s)", i, items[i])
                    .isEqualTo(sim.freeList().stream().map(c -> List.of(c.address(), c.size())).toList());
        }
    }

    @Provide
    Arbitrary<Integer> alignments() {
        return Arbitraries.of(1, 2, 4, 8, 3);
    }

    static Stream<Arguments> everyOstepSetting() {
        List<Arguments> all = new ArrayList<>();
        for (String policy : List.of("first", "best", "worst")) {
            for (ListOrder order : ListOrder.values()) {
                for (boolean coalesce : List.of(false, true)) {
                    all.add(Arguments.of(policy, order.kitName(), coalesce));
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} fit, {1} order, coalescing {2}")
    @MethodSource("everyOstepSetting")
    void the_json_answers_follow_the_ostep_rules_for_every_setting(String policy, String order, boolean coalesce)
            throws Exception {
        SplittableRandom random = new SplittableRandom(policy.hashCode() * 31L + order.hashCode() + (coalesce ? 1 : 0));
        for (int trial = 0; trial < 20; trial++) {
            int header = random.nextInt(5);
            int align = List.of(1, 4, 8).get(random.nextInt(3));
            List<Integer> codes = new ArrayList<>();
            for (int i = 0, n = 5 + random.nextInt(20); i < n; i++) {
                codes.add(random.nextInt(3) == 0 ? -random.nextInt(20) : 1 + random.nextInt(25));
            }
            String ops = opsText(codes);
            JsonNode answers = run(policy, order, coalesce, header, align, 1000, 100, ops);
            OstepRulesModel model = new OstepRulesModel(policy, order, coalesce, header, align, 1000, 100);
            List<Integer> pointers = new ArrayList<>();
            String[] items = ops.split(",");
            for (int i = 0; i < items.length; i++) {
                int value = Integer.parseInt(items[i].substring(1));
                int expected;
                if (items[i].startsWith("+")) {
                    expected = model.malloc(value);
                    pointers.add(expected);
                } else {
                    expected = pointers.get(value) == -1 ? -1 : model.free(pointers.get(value));
                }
                assertThat(answers.get(i).get("returned").asInt()).as("%s: returned by op %d (%s)", ops, i, items[i])
                        .isEqualTo(expected);
                assertThat(listOf(answers.get(i))).as("%s: free list after op %d (%s)", ops, i, items[i])
                        .isEqualTo(model.list());
            }
        }
    }

    /** Turns shrinkable codes into a valid --ops list: a free names an earlier allocation. */
    static String opsText(List<Integer> codes) {
        List<String> items = new ArrayList<>();
        int allocations = 0;
        for (int code : codes) {
            if (code > 0 || allocations == 0) {
                items.add("+" + Math.max(1, code));
                allocations++;
            } else {
                items.add("-" + (-code % allocations));
            }
        }
        return String.join(",", items);
    }

    static JsonNode run(String policy, String order, boolean coalesce, int header, int align, int base, int size,
            String ops) throws Exception {
        List<String> args = new ArrayList<>(List.of("quiz", "freespace", "--policy", policy, "--order", order,
                "--header", Integer.toString(header), "--align", Integer.toString(align), "--base",
                Integer.toString(base), "--size", Integer.toString(size), "--ops", ops, "--answers", "--format", "json"));
        if (coalesce) {
            args.add("--coalesce");
        }
        CommandLineRun run = CommandLineRun.of(args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.err()).isZero();
        return JSON.readTree(run.out());
    }

    static List<List<Integer>> listOf(JsonNode step) {
        List<List<Integer>> list = new ArrayList<>();
        step.get("freeList").forEach(pair -> list.add(List.of(pair.get(0).asInt(), pair.get(1).asInt())));
        return list;
    }
}
