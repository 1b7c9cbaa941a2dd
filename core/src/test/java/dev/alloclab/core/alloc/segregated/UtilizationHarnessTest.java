package dev.alloclab.core.alloc.segregated;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alloclab.core.trace.TraceGenerator;
import org.junit.jupiter.api.Test;

/** The tuning harness's paired comparison over fresh draws (see {@link UtilizationHarness#pairedDraws}). */
class UtilizationHarnessTest {

    @Test
    void an_allocator_paired_with_itself_differs_by_nothing_on_every_trace() {
        // GIVEN the same allocator as base and variant
        // WHEN both replay the same fresh draw
        UtilizationHarness.PairedDifference difference = UtilizationHarness.pairedDraws(
                SegregatedAllocator::new, SegregatedAllocator::new, 2027);
        // THEN every trace of the suite is there, with a mean difference and a standard error of zero
        assertThat(difference.perTrace()).containsOnlyKeys(TraceGenerator.performanceNames());
        difference.perTrace().forEach((trace, meanAndError) ->
                assertThat(meanAndError).as(trace).containsExactly(0.0, 0.0));
        assertThat(difference.mean()).isZero();
    }

    @Test
    void a_variant_without_slots_shows_its_loss_on_the_binary_shape_as_variant_minus_base() {
        // GIVEN a variant whose small sizes never get slots (a gate no size reaches)
        // WHEN it is paired with the allocator as it is over two fresh draws
        UtilizationHarness.PairedDifference difference = UtilizationHarness.pairedDraws(
                SegregatedAllocator::new, heap -> new SegregatedAllocator(heap, Integer.MAX_VALUE), 2027, 2028);
        // THEN binary-small-large, where slots win points, shows a loss (variant minus base is negative), and
        // since the binary shapes draw nothing at random, the same loss in both draws: no standard error
        double[] binary = difference.perTrace().get("binary-small-large");
        assertThat(binary[0]).isLessThan(-0.01);
        assertThat(binary[1]).isZero();
    }
}
