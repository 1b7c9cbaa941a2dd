package dev.alloclab.exercises.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alloclab.core.alloc.ReferenceAllocator;
import dev.alloclab.core.memory.HeapBytes;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/**
 * What a visible property prints when its own check fails after a run: jqwik shows only the shrunk int sample, so
 * the harness must say which calls it stands for (the kit's own check: the starter does not carry this test).
 */
class HeapHarnessTest {
    @Test
    void a_failure_after_the_run_decodes_the_sample_into_the_calls_made() {
        // GIVEN the sample [1, 1, 0, 0] run on core's first-fit allocator: alloc(1) twice, then free live block 0 twice
        ReferenceAllocator firstFit = ReferenceAllocator.firstFit(HeapBytes.withMax(1 << 16));
        HeapHarness harness = HeapHarness.run(firstFit, List.of(1, 1, 0, 0));
        // WHEN a test's own check after the run fails through the harness
        AssertionFailedError failure = harness.failure("two free blocks touch at 20: dealloc must coalesce them", 0, 40);
        // THEN the message is the sentence, then the sample with how to read it, then each call it made, in order
        assertThat(failure.getMessage()).as("the failure's message").startsWith(
                "two free blocks touch at 20: dealloc must coalesce them\n"
                        + "\n  the calls made, decoded from the sample [1, 1, 0, 0] (n > 0 is alloc(n), n <= 0 frees "
                        + "live block number -n % live, counting live blocks in allocation order from 0):\n"
                        + "    step 1: alloc(1) -> 8\n"
                        + "    step 2: alloc(1) -> 24\n"
                        + "    step 3: dealloc(8)\n"
                        + "    step 4: dealloc(24)\n");
    }

    @Test
    void calls_a_test_makes_after_the_sample_are_listed_apart() {
        // GIVEN the sample [8] run, then one more free made by the test itself
        HeapHarness harness = HeapHarness.run(ReferenceAllocator.firstFit(HeapBytes.withMax(1 << 16)), List.of(8));
        harness.freeNth(0);
        // WHEN the calls are asked for
        String calls = harness.operations();
        // THEN the test's free is not passed off as part of the sample
        assertThat(calls).as("operations() after the sample [8] and the test's freeNth(0)").endsWith(
                "    step 1: alloc(8) -> 8\n    then the test's own calls:\n    step 3: dealloc(8)\n");
    }

    @Test
    void a_harness_driven_call_by_call_lists_its_calls_without_a_sample() {
        // GIVEN a harness a test drives itself
        HeapHarness harness = new HeapHarness(ReferenceAllocator.firstFit(HeapBytes.withMax(1 << 16)));
        int index = harness.alloc(20);
        // WHEN its calls are asked for
        String calls = harness.operations();
        // THEN they are listed, with no sample to decode
        assertThat(calls).as("operations() after alloc(20)")
                .isEqualTo("\n  the calls made:\n    step 1: alloc(20) -> " + index + "\n");
    }
}
