package dev.alloclab.core.alloc.segregated;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alloclab.core.alloc.Allocator;
import dev.alloclab.core.memory.HeapBytes;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/**
 * The Malloc Lab rules hold for the segregated allocator under any mix of operations: every
 * payload aligned, inside the heap, overlapping no other, its bytes surviving every later
 * operation, realloc keeping the prefix, and the allocator's own picture tiling the heap.
 * {@link HeapHarness} checks them after every step.
 */
class SegregatedAllocatorPropertiesTest {

    /** One step of a program: what to do, which live block (n-th, modulo the count), what size. */
    record Step(char kind, int nth, int size) {
        void applyTo(HeapHarness harness) {
            switch (kind) {
                case 'a' -> harness.allocAndFill(size);
                case 'f' -> harness.freeNth(nth);
                default -> harness.reallocNth(nth, size);
            }
        }

        @Override
        public String toString() {
            return kind == 'a' ? "alloc(" + size + ")" : kind == 'f' ? "free(live #" + nth + ")"
                    : "realloc(live #" + nth + ", " + size + ")";
        }
    }

    @Property(tries = 200)
    void any_mix_of_alloc_free_and_realloc_keeps_the_heap_sound(@ForAll("mixedPrograms") List<Step> program) {
        run(program, HeapBytes.withMax(1 << 20));
    }

    @Property(tries = 200)
    void realloc_heavy_programs_keep_every_prefix(@ForAll("reallocHeavyPrograms") List<Step> program) {
        run(program, HeapBytes.withMax(1 << 20));
    }

    @Property(tries = 200)
    void a_small_heap_runs_out_cleanly_and_stays_sound(@ForAll("mixedPrograms") List<Step> program) {
        // 4 KiB: many requests fail with NULL; the rules must still hold for what succeeded
        run(program, HeapBytes.withMax(4096));
    }

    @Property(tries = 200)
    void every_free_block_is_on_its_list_and_range_lists_stay_in_address_order(
            @ForAll("mixedPrograms") List<Step> program) {
        SegregatedAllocator allocator = runCheckingFreeLists(program, 1 << 20);
        Statistics.label("free blocks on range lists").collect(allocator.regions().stream()
                .anyMatch(r -> r.kind() == dev.alloclab.core.alloc.HeapRegion.Kind.FREE
                        && r.to() - r.from() > SegregatedAllocator.LARGEST_EXACT_SIZE) ? "some" : "none");
    }

    @Property(tries = 100)
    void huge_blocks_of_any_size_share_one_list_that_stays_in_address_order(
            @ForAll("programsWithHugeBlocks") List<Step> program) {
        SegregatedAllocator allocator = runCheckingFreeLists(program, 1 << 23);
        Statistics.label("free blocks on the huge list").collect(allocator.regions().stream()
                .anyMatch(r -> r.kind() == dev.alloclab.core.alloc.HeapRegion.Kind.FREE
                        && r.to() - r.from() >= 1 << SegregatedAllocator.HUGE_POWER) ? "some" : "none");
    }

    @Property(tries = 300)
    void runs_of_header_less_slots_stay_consistent(@ForAll("smallBlockPrograms") List<Step> program,
            @ForAll @IntRange(min = 0, max = 3) int slotGate) {
        // every free slot on its class's list and inside a run of that class, each run's live bits
        // matching its slots that are not listed, no empty run kept, the directory in address order;
        // a low gate (0: runs at once) so that short programs make, fill and free many runs
        SegregatedAllocator allocator = new SegregatedAllocator(HeapBytes.withMax(1 << 20), slotGate);
        SegregatedInvariants invariants = new SegregatedInvariants(allocator);
        HeapHarness harness = new HeapHarness(allocator);
        for (Step step : program) {
            step.applyTo(harness);
            assertThat(invariants.slotProblems()).as("runs after %s", step).isEmpty();
            assertThat(invariants.freeListProblems()).as("free lists after %s", step).isEmpty();
            assertThat(invariants.cacheProblems()).as("caches after %s", step).isEmpty();
        }
        Statistics.label("runs at the end").collect(allocator.regions().stream()
                .anyMatch(r -> r.kind() == dev.alloclab.core.alloc.HeapRegion.Kind.LIVE
                        && r.to() - r.from() <= SegregatedAllocator.LARGEST_SLOT
                        && allocator.usableSize(r.from()) == r.to() - r.from()) ? "some" : "none");
    }

    @Property(tries = 150)
    void the_run_cache_agrees_with_the_directory_on_heaps_wider_than_the_cache(
            @ForAll("smallBlocksBetweenWideOnes") List<Step> program, @ForAll @IntRange(min = 0, max = 3) int slotGate) {
        // small blocks between blocks of 64..200 KiB: runs lie more than the cache's reach apart, so
        // granules far apart share an entry, and each run's entering and leaving must rewrite the right ones;
        // no payload bytes are written (the other properties check those): a wide heap's bytes are slow to check
        SegregatedAllocator allocator = new SegregatedAllocator(HeapBytes.withMax(1 << 23), slotGate);
        SegregatedInvariants invariants = new SegregatedInvariants(allocator);
        List<Integer> live = new java.util.ArrayList<>();
        for (Step step : program) {
            int nth = live.isEmpty() ? 0 : step.nth() % live.size();
            switch (step.kind()) {
                case 'a' -> live.add(allocator.alloc(step.size()));
                case 'f' -> allocator.dealloc(live.isEmpty() ? Allocator.NULL : live.remove(nth));
                default -> live.add(allocator.realloc(live.isEmpty() ? Allocator.NULL : live.remove(nth), step.size()));
            }
            live.removeIf(index -> index == Allocator.NULL);
            assertThat(invariants.cacheProblems()).as("caches after %s", step).isEmpty();
            assertThat(invariants.slotProblems()).as("runs after %s", step).isEmpty();
        }
        int reach = SegregatedAllocator.RUN_CACHE_ENTRIES << SegregatedAllocator.RUN_CACHE_GRANULE_BITS;
        Statistics.label("heap wider than the run cache's reach").collect(allocator.heap().size() > reach);
    }

    @Property(tries = 200)
    void a_small_heap_with_runs_at_once_runs_out_cleanly(@ForAll("smallBlockPrograms") List<Step> program) {
        // 4 KiB and slots from the first request: runs, the directory and its growth meet a full heap
        SegregatedAllocator allocator = new SegregatedAllocator(HeapBytes.withMax(4096), 0);
        SegregatedInvariants invariants = new SegregatedInvariants(allocator);
        HeapHarness harness = new HeapHarness(allocator);
        for (Step step : program) {
            step.applyTo(harness);
            assertThat(invariants.slotProblems()).as("runs after %s", step).isEmpty();
            assertThat(invariants.cacheProblems()).as("caches after %s", step).isEmpty();
        }
    }

    @Property(tries = 150)
    void address_trees_change_no_placement_and_stay_consistent(@ForAll("mediumBlockPrograms") List<Step> program) {
        // the same program on three allocators: range lists never get a tree, get one after any
        // walk past 2 blocks, or past 6; every heap must look the same after every step, and the
        // trees must mirror their lists
        List<SegregatedAllocator> allocators = List.of(
                new SegregatedAllocator(HeapBytes.withMax(1 << 22), SegregatedAllocator.SLOT_GATE, Integer.MAX_VALUE),
                new SegregatedAllocator(HeapBytes.withMax(1 << 22), SegregatedAllocator.SLOT_GATE, 2),
                new SegregatedAllocator(HeapBytes.withMax(1 << 22), SegregatedAllocator.SLOT_GATE, 6));
        List<HeapHarness> harnesses = allocators.stream().map(HeapHarness::new).toList();
        for (Step step : program) {
            harnesses.forEach(step::applyTo);
            for (SegregatedAllocator withTrees : allocators.subList(1, 3)) {
                assertThat(withTrees.regions()).as("heap after %s", step).isEqualTo(allocators.get(0).regions());
                assertThat(new SegregatedInvariants(withTrees).freeListProblems()).as("free lists after %s", step).isEmpty();
            }
        }
    }

    /** Mostly medium blocks, half of them freed: range lists grow long enough to keep trees. */
    @Provide
    Arbitrary<List<Step>> mediumBlockPrograms() {
        Arbitrary<Integer> sizes = sizes(2, 1, 128,
                6, 129, 1200,
                1, 1201, 20000);
        Arbitrary<Character> kinds = Arbitraries.frequency(
                net.jqwik.api.Tuple.of(6, 'a'), net.jqwik.api.Tuple.of(4, 'f'), net.jqwik.api.Tuple.of(1, 'r'));
        return steps(kinds, sizes).list().ofMinSize(1).ofMaxSize(250);
    }

    @Provide
    Arbitrary<List<Step>> smallBlockPrograms() {
        Arbitrary<Integer> sizes = sizes(8, 1, SegregatedAllocator.LARGEST_SLOT,
                2, 65, 600);
        return steps(ALLOC_FREE_REALLOC, sizes).list().ofMinSize(1).ofMaxSize(200);
    }

    /** Mostly small blocks, a few of 64..200 KiB between them. */
    @Provide
    Arbitrary<List<Step>> smallBlocksBetweenWideOnes() {
        Arbitrary<Integer> sizes = sizes(6, 1, SegregatedAllocator.LARGEST_SLOT,
                1, 65536, 204800);
        return steps(ALLOC_FREE_REALLOC, sizes).list().ofMinSize(20).ofMaxSize(150);
    }

    /** Runs {@code program} on a fresh allocator over a heap of {@code maxBytes}, checking its free lists after every step. */
    private static SegregatedAllocator runCheckingFreeLists(List<Step> program, int maxBytes) {
        SegregatedAllocator allocator = new SegregatedAllocator(HeapBytes.withMax(maxBytes));
        SegregatedInvariants invariants = new SegregatedInvariants(allocator);
        HeapHarness harness = new HeapHarness(allocator);
        for (Step step : program) {
            step.applyTo(harness);
            assertThat(invariants.freeListProblems()).as("free lists after %s", step).isEmpty();
        }
        return allocator;
    }

    private static void run(List<Step> program, HeapBytes heap) {
        HeapHarness harness = new HeapHarness(new SegregatedAllocator(heap));
        int reallocs = 0;
        for (Step step : program) {
            step.applyTo(harness);
            if (step.kind() == 'r') {
                reallocs++;
            }
        }
        Statistics.label("has realloc").collect(reallocs > 0);
        Statistics.label("live at end").collect(harness.liveCount() == 0 ? "none" : "some");
    }

    /** Sizes drawn from ranges by weight: {@code weight, min, max} triples, e.g. {@code sizes(2, 1, 128, 6, 129, 1200)}. */
    private static Arbitrary<Integer> sizes(int... weightMinMax) {
        List<net.jqwik.api.Tuple.Tuple2<Integer, Arbitrary<Integer>>> ranges = new java.util.ArrayList<>();
        for (int i = 0; i < weightMinMax.length; i += 3) {
            ranges.add(net.jqwik.api.Tuple.of(weightMinMax[i],
                    Arbitraries.integers().between(weightMinMax[i + 1], weightMinMax[i + 2])));
        }
        return Arbitraries.frequencyOf(ranges);
    }

    /** Allocs, frees and reallocs in the proportions 5 : 4 : 2. */
    private static final Arbitrary<Character> ALLOC_FREE_REALLOC = Arbitraries.frequency(
            net.jqwik.api.Tuple.of(5, 'a'), net.jqwik.api.Tuple.of(4, 'f'), net.jqwik.api.Tuple.of(2, 'r'));

    @Provide
    Arbitrary<List<Step>> mixedPrograms() {
        Arbitrary<Integer> sizes = sizes(6, 1, 128,
                3, 129, 2048,
                1, 2049, 20000);
        return steps(ALLOC_FREE_REALLOC, sizes).list().ofMinSize(1).ofMaxSize(120);
    }

    @Provide
    Arbitrary<List<Step>> programsWithHugeBlocks() {
        Arbitrary<Integer> sizes = sizes(3, 1, 128,
                2, 129, 20000,
                3, 60000, 250000);
        return steps(ALLOC_FREE_REALLOC, sizes).list().ofMinSize(1).ofMaxSize(60);
    }

    @Provide
    Arbitrary<List<Step>> reallocHeavyPrograms() {
        Arbitrary<Integer> sizes = Arbitraries.integers().between(0, 3000);
        Arbitrary<Character> kinds = Arbitraries.frequency(
                net.jqwik.api.Tuple.of(3, 'a'), net.jqwik.api.Tuple.of(1, 'f'), net.jqwik.api.Tuple.of(6, 'r'));
        return steps(kinds, sizes).list().ofMinSize(1).ofMaxSize(120);
    }

    private static Arbitrary<Step> steps(Arbitrary<Character> kinds, Arbitrary<Integer> sizes) {
        return Combinators.combine(kinds, Arbitraries.integers().between(0, 63), sizes).as(Step::new);
    }
}
