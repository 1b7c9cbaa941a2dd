package dev.alloclab.core.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The two-level granule array reads exactly like a plain {@code byte[]}: random runs of
 * {@code fill} and {@code set} (short ones inside a page, long ones over many pages, values
 * repeated often so that pages become uniform, mixed and uniform again), and growth, are applied
 * to both, and after every step every granule must agree.
 */
class GranuleArrayPropertiesTest {
    private static final int GRANULES = 8 * GranuleArray.PAGE_GRANULES + 3;

    /** One step: fill {@code [from, from + length)} with {@code value}, or set granule {@code from} if length is 0. */
    record Step(int from, int length, byte value) {
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        // few distinct values, so that neighbouring runs often agree and pages fold back to one value
        Arbitrary<Byte> values = Arbitraries.of((byte) 0, (byte) 0x18, (byte) 0x29, (byte) 0x3B, (byte) 0x45,
                (byte) 0xFC);
        return Combinators.combine(Arbitraries.integers().between(0, GRANULES - 1),
                        Arbitraries.oneOf(Arbitraries.integers().between(0, 9), Arbitraries.integers().between(0, 40)),
                        values)
                .as(Step::new).list().ofMinSize(1).ofMaxSize(60);
    }

    @Property(tries = 500)
    void the_two_levels_read_like_one_byte_per_granule(@ForAll("steps") List<Step> steps) {
        GranuleArray granules = new GranuleArray();
        granules.growTo(GRANULES / 2);
        byte[] model = new byte[GRANULES];
        int length = GRANULES / 2;
        for (Step step : steps) {
            if (step.from() + Math.max(1, step.length()) > length) {
                // grow first: the new granules must read 0 whatever the pages around them held
                length = GRANULES;
                granules.growTo(length);
            }
            int to = Math.min(length, step.from() + step.length());
            if (step.length() == 0) {
                granules.set(step.from(), step.value());
                model[step.from()] = step.value();
            } else {
                granules.fill(step.from(), to, step.value());
                for (int g = step.from(); g < to; g++) {
                    model[g] = step.value();
                }
            }
            assertThat(granules.length()).isGreaterThanOrEqualTo(length);
            for (int g = 0; g < length; g++) {
                assertThat(granules.get(g)).as("granule %d after %s", g, step).isEqualTo(model[g]);
            }
        }
    }

    @Property(tries = 50)
    void a_fresh_or_grown_array_reads_zero(@ForAll("sizes") int first, @ForAll("sizes") int second) {
        GranuleArray granules = new GranuleArray();
        granules.growTo(first);
        granules.fill(0, first, (byte) 0x18);
        granules.growTo(first + second);
        for (int g = 0; g < first + second; g++) {
            assertThat(granules.get(g)).as("granule %d", g).isEqualTo(g < first ? (byte) 0x18 : (byte) 0);
        }
    }

    @Provide
    Arbitrary<Integer> sizes() {
        return Arbitraries.integers().between(1, 50);
    }
}
