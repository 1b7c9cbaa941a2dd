package dev.alloclab.core.alloc.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;

/**
 * The simulator's rules as properties: each policy's choice is the one its definition names,
 * every address of the heap is in exactly one chunk, failures change nothing, and address order
 * with coalescing leaves no two touching entries.
 */
class FreeListSimulatorPropertiesTest {

    @Provide
    Arbitrary<FreeListConfig> configs() {
        return Combinators.combine(
                Arbitraries.of(FitPolicy.class), Arbitraries.of(ListOrder.class), Arbitraries.of(true, false),
                Arbitraries.integers().between(0, 8), Arbitraries.integers().between(1, 8),
                Arbitraries.integers().between(0, 2000), Arbitraries.integers().between(1, 300))
                .as((policy, order, coalescing, header, alignment, base, size) -> FreeListConfig.builder()
                        .policy(policy).order(order).coalescing(coalescing).headerSize(header).alignment(alignment)
                        .base(base).size(size).build());
    }

    /**
     * A program as numbers: a positive number n allocates n bytes, a negative one -k frees the
     * k-th chunk ever handed out (which may be freed already, so some frees must fail), zero frees
     * an address that is unlikely to start a chunk.
     */
    @Property(tries = 300)
    void every_step_follows_the_rules(@ForAll("configs") FreeListConfig config,
            @ForAll @Size(max = 60) List<@IntRange(min = -30, max = 40) Integer> program) {
        FreeListSimulator sim = FreeListSimulator.of(config);
        List<Integer> handedOut = new ArrayList<>();
        boolean sawFailedAllocation = false;
        boolean sawMerge = false;
        for (int step : program) {
            List<FreeChunk> before = sim.freeList();
            List<AllocatedChunk> allocatedBefore = sim.allocatedChunks();
            if (step > 0 && sim.chunkSizeFor(step) > 0) {
                int address = sim.allocate(step);
                checkAllocation(config, before, sim, step, address);
                if (address == FreeListSimulator.FAILED) {
                    sawFailedAllocation = true;
                } else {
                    handedOut.add(address);
                }
            } else if (step < 0 && !handedOut.isEmpty()) {
                int address = handedOut.get(-step % handedOut.size());
                boolean wasAllocated = sim.allocatedAt(address).isPresent();
                int result = sim.free(address);
                assertThat(result).as("free(%d), allocated: %s", address, wasAllocated).isEqualTo(wasAllocated ? 0 : -1);
                if (!wasAllocated) {
                    assertThat(sim.freeList()).isEqualTo(before);
                } else if (sim.freeList().size() <= before.size()) {
                    sawMerge = true;
                }
            } else {
                int inside = config.base() + 1 + step;
                if (sim.allocatedAt(inside).isEmpty()) {
                    assertThat(sim.free(inside)).isEqualTo(-1);
                    assertThat(sim.freeList()).isEqualTo(before);
                    assertThat(sim.allocatedChunks()).isEqualTo(allocatedBefore);
                }
            }
            checkPartition(sim);
            if (config.order() == ListOrder.ADDRESS) {
                checkSortedAndCoalesced(sim, config.coalescing());
            }
        }
        Statistics.label("an allocation failed").collect(sawFailedAllocation);
        Statistics.label("a free merged chunks").collect(sawMerge);
    }

    private static void checkAllocation(FreeListConfig config, List<FreeChunk> before, FreeListSimulator sim, int size,
            int address) {
        long needed = sim.chunkSizeFor(size);
        Allocation allocation = sim.lastAllocation().orElseThrow();
        List<Integer> fitting = new ArrayList<>();
        for (int i = 0; i < before.size(); i++) {
            if (before.get(i).size() >= needed) {
                fitting.add(i);
            }
        }
        if (fitting.isEmpty()) {
            assertThat(address).as("nothing fits %d bytes in %s", needed, before).isEqualTo(FreeListSimulator.FAILED);
            assertThat(allocation.searched()).isEqualTo(before.size());
            assertThat(sim.freeList()).isEqualTo(before);
            return;
        }
        int position = allocation.position();
        FreeChunk chosen = before.get(position);
        assertThat(address).isEqualTo(chosen.address());
        assertThat(fitting).contains(position);
        switch (config.policy()) {
            case FIRST -> {
                assertThat(position).as("first fit takes the first entry that fits").isEqualTo(fitting.get(0));
                assertThat(allocation.searched()).isEqualTo(position + 1);
            }
            case BEST -> {
                int best = fitting.stream().min(Comparator.comparingInt(i -> before.get(i).size())).orElseThrow();
                assertThat(position).as("best fit: smallest fitting entry, earliest on ties").isEqualTo(best);
                assertThat(allocation.searched()).isEqualTo(before.size());
            }
            case WORST -> {
                int worst = fitting.stream().max(Comparator.comparingInt((Integer i) -> before.get(i).size())
                        .thenComparing(Comparator.reverseOrder())).orElseThrow();
                assertThat(position).as("worst fit: largest fitting entry, earliest on ties").isEqualTo(worst);
                assertThat(allocation.searched()).isEqualTo(before.size());
            }
            case NEXT -> assertThat(allocation.searched()).isBetween(1, before.size());
        }
        List<FreeChunk> expected = new ArrayList<>(before);
        if (chosen.size() > needed) {
            expected.set(position, new FreeChunk(chosen.address() + (int) needed, chosen.size() - (int) needed));
        } else {
            expected.remove(position);
        }
        assertThat(sim.freeList()).as("the remainder stays where the chosen entry was").isEqualTo(expected);
    }

    private static void checkPartition(FreeListSimulator sim) {
        List<int[]> ranges = new ArrayList<>();
        sim.freeList().forEach(c -> ranges.add(new int[] {c.address(), c.end()}));
        sim.allocatedChunks().forEach(c -> ranges.add(new int[] {c.address(), c.end()}));
        ranges.sort(Comparator.comparingInt(r -> r[0]));
        int expected = sim.base();
        for (int[] range : ranges) {
            assertThat(range[0]).as("chunks must cover the heap without gaps or overlaps").isEqualTo(expected);
            expected = range[1];
        }
        assertThat(expected).isEqualTo(sim.end());
    }

    private static void checkSortedAndCoalesced(FreeListSimulator sim, boolean coalescing) {
        List<FreeChunk> list = sim.freeList();
        for (int i = 1; i < list.size(); i++) {
            assertThat(list.get(i).address()).isGreaterThan(list.get(i - 1).address());
            if (coalescing) {
                assertThat(list.get(i).address()).as("touching entries in %s", list).isNotEqualTo(list.get(i - 1).end());
            }
        }
    }
}
