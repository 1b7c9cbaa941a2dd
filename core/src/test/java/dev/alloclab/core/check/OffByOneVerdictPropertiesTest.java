package dev.alloclab.core.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alloclab.core.alloc.Allocator;
import dev.alloclab.core.alloc.ReferenceAllocator;
import dev.alloclab.core.memory.HeapBytes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/**
 * AddressSanitizer as the oracle for the two classic off-by-ones, after memory has been reused: a long random
 * correct program (allocs, frees and reallocs that write and read their blocks), then {@code b[size]} or
 * {@code b[-1]} on one random live block b. ASan's verdict is fixed: heap-buffer-overflow, "0 bytes to the right
 * of" / "1 byte to the left of" b. The kit must say the same, never "use-after-free" of a block freed long ago:
 * the bytes next to a live block are the allocator's bookkeeping, even where an old freed payload once lay.
 *
 * <p>The allocators have headers (first, best and next fit), so the bad byte is never inside a live neighbour
 * (that case is caught only with tags, see docs/mistakes.md#heap-buffer-overflow). The program is drawn from a
 * seed so that a 3,000-operation run stays cheap to generate; jqwik shrinks the seed's knobs, not the operations.
 */
class OffByOneVerdictPropertiesTest {

    enum Fit { FIRST, BEST, NEXT }

    enum Mistake { PAST_THE_END, BEFORE_THE_START }

    @Property(tries = 120)
    void an_off_by_one_after_reuse_is_an_overflow_of_that_block_never_a_use_after_free(
            @ForAll long seed, @ForAll Fit fit, @ForAll boolean tagged, @ForAll boolean quarantined,
            @ForAll Mistake mistake, @ForAll @IntRange(min = 200, max = 3000) int operations) {
        // GIVEN a correct program that has freed and reused memory for a while, on any of the header allocators
        HeapBytes bytes = HeapBytes.withMax(1 << 22);
        Allocator allocator = switch (fit) {
            case FIRST -> ReferenceAllocator.firstFit(bytes);
            case BEST -> ReferenceAllocator.bestFit(bytes);
            case NEXT -> ReferenceAllocator.nextFit(bytes);
        };
        CheckedHeap heap = CheckedHeap.builder(allocator).taggedIndexes(tagged)
                .quarantineBytes(quarantined ? CheckedHeap.DEFAULT_QUARANTINE_BYTES : 0)
                .onViolation(CheckedHeap.OnViolation.RECORD).build();
        Random random = new Random(seed);
        List<Integer> live = new ArrayList<>();
        Map<Integer, Integer> sizes = new HashMap<>();
        for (int i = 0; i < operations; i++) {
            int choice = random.nextInt(10);
            if (live.isEmpty() || choice < 5) {
                int size = 1 + random.nextInt(random.nextBoolean() ? 32 : 4000);
                int p = heap.alloc(size);
                heap.writeRange(p, size, 1);
                live.add(p);
                sizes.put(p, size);
            } else if (choice < 8) {
                int p = live.remove(random.nextInt(live.size()));
                heap.readRange(p, sizes.remove(p));
                heap.dealloc(p);
            } else {
                int k = random.nextInt(live.size());
                int size = 1 + random.nextInt(300);
                int p = heap.realloc(live.get(k), size);
                sizes.remove(live.get(k));
                live.set(k, p);
                sizes.put(p, size);
                heap.writeRange(p, size, 2);
            }
        }
        assertThat(heap.violations()).as("the program before the mistake is correct").isEmpty();
        int b = live.get(random.nextInt(live.size()));
        int size = sizes.get(b);
        BlockRecord victim = heap.liveBlockContaining(b);
        int bad = mistake == Mistake.PAST_THE_END ? b + size : b - 1;
        Statistics.label("bad byte under an old freed block's shadow")
                .collect(Shadow.state(heap.shadow().at(heap.addressOf(bad))) == Shadow.FREED);

        // WHEN the program writes one past its end, or reads one before its start
        if (mistake == Mistake.PAST_THE_END) {
            heap.writeByte(bad, 9);
        } else {
            heap.readByte(bad);
        }

        // THEN the one report is an overflow of that block, as ASan's
        assertThat(heap.violations()).singleElement().satisfies(v -> {
            assertThat(v.kind()).as(v.report()).isEqualTo(Violation.Kind.OUT_OF_BOUNDS);
            assertThat(v.block().id()).as(v.report()).isEqualTo(victim.id());
            assertThat(v.address()).isEqualTo(heap.addressOf(bad));
        });
        Statistics.label("bad byte under an old freed block's shadow")
                .coverage(checker -> checker.check(true).percentage(p -> p >= 5));
    }
}
