package dev.alloclab.core.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alloclab.core.alloc.Allocator;
import dev.alloclab.core.alloc.ReferenceAllocator;
import dev.alloclab.core.alloc.segregated.SegregatedAllocator;
import dev.alloclab.core.memory.HeapBytes;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

/**
 * A checked heap whose shadow is deferred ({@link CheckedHeap.Builder#deferShadow(boolean)}) judges a
 * program without reads and writes exactly as one that writes its shadow as it goes: the same
 * answers, the same mistakes reported with the same words, the same leaks, and once something reads
 * the shadow, the same state for every heap byte. And it really defers: a program without mistakes
 * leaves the shadow unwritten.
 *
 * <p>The programs free and reallocate indexes they were ever given, live or not, and free made-up
 * ones, so double frees, frees of stale indexes whose bytes were handed out again, and invalid frees
 * all happen. Indexes are untagged here (so that both heaps hand out the same numbers; the two choose
 * tags differently, see the builder), except in the last property, which compares what was caught.
 */
class DeferredShadowPropertiesTest {
    private static final int HEAP_BYTES = 4 << 20;

    /** One step: alloc a size, free or realloc the n-th index ever handed out, or free a made-up index. */
    record Step(int kind, int pick, int size) {
        static final int ALLOC = 0;
        static final int FREE = 1;
        static final int REALLOC = 2;
        static final int FREE_MADE_UP = 3;

        @Override
        public String toString() {
            return switch (kind) {
                case ALLOC -> "alloc(" + size + ")";
                case FREE -> "free(#" + pick + ")";
                case REALLOC -> "realloc(#" + pick + ", " + size + ")";
                default -> "free(" + size + ")";
            };
        }
    }

    @Provide
    Arbitrary<List<Step>> programs() {
        // sizes from a few bytes to several pages of shadow, so that marks start and end anywhere in a page
        Arbitrary<Integer> sizes = Arbitraries.oneOf(Arbitraries.integers().between(1, 128),
                Arbitraries.integers().between(129, 6000));
        Arbitrary<Integer> picks = Arbitraries.integers().between(0, 1000);
        return Arbitraries.frequencyOf(
                Tuple.of(5, sizes.map(size -> new Step(Step.ALLOC, 0, size))),
                Tuple.of(4, picks.map(pick -> new Step(Step.FREE, pick, 0))),
                Tuple.of(2, Combinators.combine(picks, sizes).as((pick, size) -> new Step(Step.REALLOC, pick, size))),
                Tuple.of(1, Arbitraries.integers().between(0, 70_000).map(at -> new Step(Step.FREE_MADE_UP, 0, at))))
                .list().ofMaxSize(120);
    }

    static CheckedHeap heap(Function<HeapBytes, Allocator> allocators, boolean defer, boolean tagged,
                                    int quarantineBytes, boolean reallocAlwaysMoves) {
        return CheckedHeap.builder(allocators.apply(HeapBytes.withMax(HEAP_BYTES)))
                .onViolation(CheckedHeap.OnViolation.RECORD)
                .taggedIndexes(tagged)
                .quarantineBytes(quarantineBytes)
                .reallocAlwaysMoves(reallocAlwaysMoves)
                .deferShadow(defer)
                .build();
    }

    static Function<HeapBytes, Allocator> allocator(boolean segregated) {
        return segregated ? SegregatedAllocator::new : ReferenceAllocator::firstFit;
    }

    /** Runs {@code program}; returns every answer (indexes handed out, and the violation count after each step). */
    static List<Integer> run(CheckedHeap heap, List<Step> program) {
        List<Integer> given = new ArrayList<>();
        List<Integer> answers = new ArrayList<>();
        for (Step step : program) {
            switch (step.kind()) {
                case Step.ALLOC -> {
                    int index = heap.alloc(step.size());
                    given.add(index);
                    answers.add(index);
                }
                case Step.FREE -> heap.dealloc(given.isEmpty() ? Allocator.NULL : given.get(step.pick() % given.size()));
                case Step.REALLOC -> {
                    int index = heap.realloc(given.isEmpty() ? Allocator.NULL : given.get(step.pick() % given.size()),
                            step.size());
                    given.add(index);
                    answers.add(index);
                }
                default -> heap.dealloc(step.size());
            }
            answers.add(heap.violationCount());
        }
        return answers;
    }

    private static List<String> reports(List<Violation> violations) {
        return violations.stream().map(Violation::report).toList();
    }

    @Property(tries = 400)
    void a_deferred_shadow_gives_the_same_answers_reports_leaks_and_states(
            @ForAll("programs") List<Step> program, @ForAll boolean segregated,
            @ForAll @IntRange(min = 0, max = 2) int quarantine, @ForAll boolean reallocAlwaysMoves) {
        int quarantineBytes = new int[] {0, 4096, CheckedHeap.DEFAULT_QUARANTINE_BYTES}[quarantine];
        CheckedHeap eager = heap(allocator(segregated), false, false, quarantineBytes, reallocAlwaysMoves);
        CheckedHeap deferred = heap(allocator(segregated), true, false, quarantineBytes, reallocAlwaysMoves);

        assertThat(run(deferred, program)).isEqualTo(run(eager, program));
        boolean mistakes = !eager.violations().isEmpty();
        // no mistake, no report: nothing needed the shadow, so it was never written
        assertThat(deferred.shadow().isDeferred()).isEqualTo(!mistakes);

        assertThat(reports(deferred.violations())).isEqualTo(reports(eager.violations()));
        assertThat(reports(deferred.leaks())).isEqualTo(reports(eager.leaks()));
        int heapSize = eager.shadow().size();
        assertThat(deferred.shadow().size()).isEqualTo(heapSize);
        for (int i = 0; i < heapSize; i++) {
            int at = i;
            assertThat(Shadow.state(deferred.shadow().at(i))).as(() -> "state of heap byte " + at)
                    .isEqualTo(Shadow.state(eager.shadow().at(i)));
        }
    }

    @net.jqwik.api.Example
    void with_tagged_indexes_a_stale_index_to_reused_bytes_is_still_caught_and_the_new_block_survives() {
        // GIVEN a deferred, tagged checked heap without quarantine, so freed bytes are handed out again at once
        CheckedHeap heap = heap(allocator(true), true, true, 0, false);
        int first = heap.alloc(24);
        for (int i = 0; i < TaggedIndex.MAX_TAG - 1; i++) {
            heap.alloc(24);                                  // more blocks, until the tag rotation comes round
        }
        heap.dealloc(first);
        int second = heap.alloc(24);
        assertThat(TaggedIndex.address(second)).as("the allocator reused the bytes").isEqualTo(TaggedIndex.address(first));
        // WHEN the stale index is freed again
        heap.dealloc(first);
        // THEN it is reported as a double free after reuse, and the block now at that address is still live
        assertThat(heap.violations()).extracting(Violation::kind).containsExactly(Violation.Kind.DOUBLE_FREE_AFTER_REUSE);
        assertThat(second).isNotEqualTo(first);
        assertThat(heap.leaks()).extracting(Violation::index).contains(second);
        assertThat(heap.shadow().isDeferred()).as("the report wrote the shadow").isFalse();
    }
}
