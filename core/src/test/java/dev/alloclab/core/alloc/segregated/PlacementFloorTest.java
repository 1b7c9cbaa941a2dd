package dev.alloclab.core.alloc.segregated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.alloclab.core.trace.ParseMode;
import dev.alloclab.core.trace.Trace;
import org.junit.jupiter.api.Test;

/** The idealised placement model that bounds what a policy can reach (see {@link PlacementFloor}). */
class PlacementFloorTest {

    private static Trace trace(String ops) {
        long count = ops.lines().count();
        return Trace.parse("t", "0\n10\n" + count + "\n1\n" + ops, ParseMode.STRICT);
    }

    @Test
    void freed_neighbours_coalesce_and_serve_a_request_of_both_sizes() {
        // GIVEN two neighbours freed, then one block of both their sizes
        Trace trace = trace("a 0 64\na 1 64\nf 0\nf 1\na 2 128\nf 2\n");
        // THEN the heap never grows past 128 bytes: utilization is 1 under every policy
        for (PlacementFloor.Policy policy : PlacementFloor.Policy.values()) {
            assertThat(PlacementFloor.utilization(trace, policy)).as("%s", policy).isCloseTo(1.0, within(1e-9));
        }
    }

    @Test
    void best_fit_keeps_the_larger_hole_for_the_larger_request_where_first_fit_splits_it() {
        // GIVEN a 96-byte hole below a 64-byte hole (guards keep them apart)
        Trace trace = trace("a 0 96\na 1 8\na 2 64\na 3 8\nf 0\nf 2\na 4 64\na 5 96\n");
        // WHEN a 64-byte and then a 96-byte request come
        double firstFit = PlacementFloor.utilization(trace, PlacementFloor.Policy.ADDRESS_ORDERED_FIRST_FIT);
        double bestFit = PlacementFloor.utilization(trace, PlacementFloor.Policy.BEST_FIT);
        // THEN best fit reuses both holes (heap 176 bytes), first fit cuts the 96-byte hole and grows the heap
        assertThat(bestFit).isCloseTo((96 + 8 + 64 + 8) / 176.0, within(1e-9));
        assertThat(firstFit).isLessThan(bestFit);
    }
}
