package dev.alloclab.core.alloc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alloclab.core.alloc.AllocatorHarness.Alloc;
import dev.alloclab.core.alloc.AllocatorHarness.Free;
import dev.alloclab.core.alloc.AllocatorHarness.Op;
import dev.alloclab.core.alloc.AllocatorHarness.Realloc;
import dev.alloclab.core.alloc.sim.FitPolicy;
import dev.alloclab.core.alloc.sim.FreeChunk;
import dev.alloclab.core.alloc.sim.ListOrder;
import dev.alloclab.core.memory.HeapBytes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * The Malloc Lab rules, for every reference configuration (4 policies x 5 orders x coalescing
 * on/off) and for the implicit list, under random programs of alloc, free and realloc. Every
 * program runs on all 41 allocators, so every configuration meets every generated case.
 */
class AllocatorPropertiesTest {
    private static final int HEAP_MAX = 1 << 15;

    private record Subject(String name, Function<HeapBytes, Allocator> create, Consumer<Allocator> invariant) {
    }

    private static List<Subject> subjects() {
        List<Subject> subjects = new ArrayList<>();
        for (FitPolicy policy : FitPolicy.values()) {
            for (ListOrder order : ListOrder.values()) {
                for (boolean coalescing : new boolean[] {false, true}) {
                    String name = policy.kitName() + " fit, " + order.kitName() + " order, coalescing " + coalescing;
                    subjects.add(new Subject(name,
                            heap -> ReferenceAllocator.builder(heap).policy(policy).order(order).coalescing(coalescing).build(),
                            order == ListOrder.ADDRESS && coalescing ? AllocatorPropertiesTest::noTwoFreeBlocksTouch : a -> { }));
                }
            }
        }
        subjects.add(new Subject("implicit", ImplicitListAllocator::new,
                a -> assertThat(((ImplicitListAllocator) a).heapProblems()).as("heap checker").isEmpty()));
        return subjects;
    }

    private static void noTwoFreeBlocksTouch(Allocator allocator) {
        List<FreeChunk> byAddress = new ArrayList<>(((ReferenceAllocator) allocator).freeList());
        assertThat(byAddress).as("address order keeps the free list sorted")
                .isSortedAccordingTo(Comparator.comparingInt(FreeChunk::address));
        for (int i = 1; i < byAddress.size(); i++) {
            assertThat(byAddress.get(i).address()).as("free blocks %s and %s touch: coalescing missed them",
                    byAddress.get(i - 1), byAddress.get(i)).isNotEqualTo(byAddress.get(i - 1).end());
        }
    }

    @Property(tries = 120)
    void every_allocator_keeps_the_malloc_lab_rules_under_any_program(@ForAll("programs") List<Op> program) {
        int nulls = 0;
        for (Subject subject : subjects()) {
            AllocatorHarness harness = new AllocatorHarness(subject.create().apply(HeapBytes.withMax(HEAP_MAX)));
            int step = 0;
            try {
                for (Op op : program) {
                    step++;
                    harness.run(op);
                    subject.invariant().accept(harness.allocator());
                    harness.checkRegionsTileTheHeap();
                }
            } catch (AssertionError e) {
                throw new AssertionError(subject.name() + ", step " + step + " (" + program.get(step - 1) + "): "
                        + e.getMessage(), e);
            }
            nulls += harness.nullCount();
        }
        Statistics.label("some allocation ran out of memory").collect(nulls > 0);
    }

    @Provide
    Arbitrary<List<Op>> programs() {
        Arbitrary<Integer> sizes = Arbitraries.frequencyOf(
                Tuple.of(12, Arbitraries.integers().between(1, 64)),
                Tuple.of(5, Arbitraries.integers().between(65, 512)),
                Tuple.of(1, Arbitraries.integers().between(513, 4096)),
                Tuple.of(1, Arbitraries.integers().between(HEAP_MAX / 2, 2 * HEAP_MAX)));
        Arbitrary<Integer> nth = Arbitraries.integers().between(0, 1000);
        Arbitrary<Op> op = Arbitraries.frequencyOf(
                Tuple.of(5, sizes.map(Alloc::new)),
                Tuple.of(4, nth.map(Free::new)),
                Tuple.of(2, Arbitraries.integers().between(0, 1000).flatMap(n -> sizes.map(s -> new Realloc(n, s)))));
        return op.list().ofMinSize(1).ofMaxSize(60);
    }
}
