package dev.alloclab.core.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alloclab.core.alloc.Allocator;
import dev.alloclab.core.alloc.ReferenceAllocator;
import dev.alloclab.core.memory.HeapBytes;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The checked heap is silent on correct programs and catches each kind of mistake injected into
 * one. A program is a random list of {@link ProgramOp}s run by {@link ProgramRun}; the injected
 * mistake concerns a "victim" block the program itself never touches. The heap records
 * (RECORD mode) so that the program runs on after the mistake: exactly one violation must come
 * out, of the right kind, at the right index, naming the right block.
 */
class CheckedHeapPropertiesTest {
    private static final int HEAP_BYTES = 1 << 20;

    @Provide
    Arbitrary<List<ProgramOp>> programs() {
        Arbitrary<Integer> picks = Arbitraries.integers().between(0, 1000);
        Arbitrary<Integer> sizes = Arbitraries.integers().between(1, 200);
        Arbitrary<Integer> widths = Arbitraries.of(1, 4, 8);
        Arbitrary<Integer> offsets = Arbitraries.integers().between(0, 255);
        Arbitrary<ProgramOp> alloc = sizes.map(size -> new ProgramOp(ProgramOp.Kind.ALLOC, 0, size, 0, 0));
        Arbitrary<ProgramOp> free = picks.map(pick -> new ProgramOp(ProgramOp.Kind.FREE, pick, 0, 0, 0));
        Arbitrary<ProgramOp> realloc = Combinators.combine(picks, sizes)
                .as((pick, size) -> new ProgramOp(ProgramOp.Kind.REALLOC, pick, size, 0, 0));
        Arbitrary<ProgramOp> write = Combinators.combine(picks, widths, offsets, Arbitraries.longs())
                .as((pick, width, offset, value) -> new ProgramOp(ProgramOp.Kind.WRITE, pick, width, offset, value));
        Arbitrary<ProgramOp> read = Combinators.combine(picks, widths, offsets)
                .as((pick, width, offset) -> new ProgramOp(ProgramOp.Kind.READ, pick, width, offset, 0));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, alloc), net.jqwik.api.Tuple.of(2, free), net.jqwik.api.Tuple.of(1, realloc),
                net.jqwik.api.Tuple.of(3, write), net.jqwik.api.Tuple.of(3, read)).list().ofMaxSize(50);
    }

    private static CheckedHeap recording(boolean tagged, int quarantineBytes) {
        return recording(ReferenceAllocator.firstFit(HeapBytes.withMax(HEAP_BYTES)), tagged, quarantineBytes);
    }

    /**
     * For the reuse properties: first fit without coalescing, so a freed block stays a block of
     * its own and allocating its size again is sure to hand its address out once the holes before it are filled.
     */
    private static CheckedHeap recordingWithoutCoalescing() {
        return recording(ReferenceAllocator.builder(HeapBytes.withMax(HEAP_BYTES)).coalescing(false).build(), true, 0);
    }

    private static CheckedHeap recording(Allocator allocator, boolean tagged, int quarantineBytes) {
        return CheckedHeap.builder(allocator)
                .taggedIndexes(tagged)
                .quarantineBytes(quarantineBytes)
                .onViolation(CheckedHeap.OnViolation.RECORD)
                .build();
    }

    @Property(tries = 300)
    void a_correct_program_reports_nothing_and_keeps_its_bytes(@ForAll("programs") List<ProgramOp> program,
                                                              @ForAll boolean tagged,
                                                              @ForAll @IntRange(min = 0, max = 2) int quarantine) {
        CheckedHeap heap = recording(tagged, new int[] {0, 256, CheckedHeap.DEFAULT_QUARANTINE_BYTES}[quarantine]);
        ProgramRun run = new ProgramRun(heap);
        run.run(program);
        run.freeAll();
        assertThat(heap.violations()).isEmpty();
        assertThat(heap.leaks()).isEmpty();
    }

    @Property(tries = 300)
    void a_correct_program_is_silent_and_keeps_its_bytes_whether_realloc_moves_or_not(
            @ForAll("programs") List<ProgramOp> program, @ForAll boolean tagged, @ForAll boolean alwaysMoves,
            @ForAll boolean segregated) {
        // the segregated allocator resizes in place where it can; the reference first fit always moves
        HeapBytes bytes = HeapBytes.withMax(HEAP_BYTES);
        Allocator allocator = segregated ? dev.alloclab.core.alloc.Allocators.create("segregated", bytes)
                : ReferenceAllocator.firstFit(bytes);
        CheckedHeap heap = CheckedHeap.builder(allocator).taggedIndexes(tagged).reallocAlwaysMoves(alwaysMoves)
                .onViolation(CheckedHeap.OnViolation.RECORD).build();
        ProgramRun run = new ProgramRun(heap);
        run.run(program);
        run.freeAll();
        assertThat(heap.violations()).isEmpty();
        assertThat(heap.leaks()).isEmpty();
        assertThat(heap.liveBytes()).isZero();
    }

    @Property(tries = 150)
    void a_read_after_free_is_reported_at_its_index_naming_the_freed_block(
            @ForAll("programs") List<ProgramOp> before, @ForAll("programs") List<ProgramOp> after,
            @ForAll @IntRange(min = 1, max = 200) int size, @ForAll @IntRange(min = 0, max = 199) int offset,
            @ForAll boolean tagged) {
        CheckedHeap heap = recording(tagged, CheckedHeap.DEFAULT_QUARANTINE_BYTES);
        ProgramRun run = new ProgramRun(heap);
        run.run(before);
        int victim = heap.alloc(size);
        run.run(after);
        heap.dealloc(victim);
        int index = victim + offset % size;
        assertThat(heap.readByte(index)).isZero();
        run.freeAll();
        assertThat(heap.violations()).singleElement().satisfies(v -> {
            assertThat(v.kind()).isEqualTo(Violation.Kind.USE_AFTER_FREE);
            assertThat(v.access()).isEqualTo(Violation.Access.READ);
            assertThat(v.index()).isEqualTo(index);
            assertThat(v.address()).isEqualTo(heap.addressOf(index));
            assertThat(v.block().from()).isEqualTo(heap.addressOf(victim));
            assertThat(v.block().requestedSize()).isEqualTo(size);
        });
    }

    @Property(tries = 150)
    void a_write_after_free_is_reported_and_changes_nothing(
            @ForAll("programs") List<ProgramOp> before, @ForAll("programs") List<ProgramOp> after,
            @ForAll @IntRange(min = 8, max = 200) int size, @ForAll @IntRange(min = 0, max = 199) int offset,
            @ForAll boolean tagged) {
        CheckedHeap heap = recording(tagged, CheckedHeap.DEFAULT_QUARANTINE_BYTES);
        ProgramRun run = new ProgramRun(heap);
        run.run(before);
        int victim = heap.alloc(size);
        run.run(after);
        heap.dealloc(victim);
        int index = victim + offset % (size - 7);
        long bytesBefore = heap.allocator().heap().readLong(heap.addressOf(index));
        heap.writeLong(index, ~bytesBefore);
        assertThat(heap.allocator().heap().readLong(heap.addressOf(index))).isEqualTo(bytesBefore);
        run.freeAll();
        assertThat(heap.violations()).singleElement().satisfies(v -> {
            assertThat(v.kind()).isEqualTo(Violation.Kind.USE_AFTER_FREE);
            assertThat(v.access()).isEqualTo(Violation.Access.WRITE);
            assertThat(v.index()).isEqualTo(index);
            assertThat(v.length()).isEqualTo(8);
            assertThat(v.block().from()).isEqualTo(heap.addressOf(victim));
        });
    }

    @Property(tries = 150)
    void a_double_free_is_reported_naming_the_block_and_its_first_free(
            @ForAll("programs") List<ProgramOp> before, @ForAll("programs") List<ProgramOp> after,
            @ForAll @IntRange(min = 1, max = 200) int size, @ForAll boolean tagged) {
        CheckedHeap heap = recording(tagged, CheckedHeap.DEFAULT_QUARANTINE_BYTES);
        ProgramRun run = new ProgramRun(heap);
        run.run(before);
        int victim = heap.alloc(size);
        heap.dealloc(victim);
        int firstFree = heap.step();
        run.run(after);
        heap.dealloc(victim);
        run.freeAll();
        assertThat(heap.violations()).singleElement().satisfies(v -> {
            assertThat(v.kind()).isEqualTo(Violation.Kind.DOUBLE_FREE);
            assertThat(v.index()).isEqualTo(victim);
            assertThat(v.block().from()).isEqualTo(heap.addressOf(victim));
            assertThat(v.block().freed().step()).isEqualTo(firstFree);
        });
    }

    @Property(tries = 150)
    void with_tags_a_double_free_after_reuse_names_both_blocks_and_spares_the_newer_one(
            @ForAll("programs") List<ProgramOp> before, @ForAll("programs") List<ProgramOp> after,
            @ForAll @IntRange(min = 1, max = 200) int size) {
        CheckedHeap heap = recordingWithoutCoalescing();
        ProgramRun run = new ProgramRun(heap);
        run.run(before);
        int victim = heap.alloc(size);
        heap.dealloc(victim);
        int reused = reuse(heap, victim, size);
        run.run(after);
        heap.dealloc(victim);
        assertThat(heap.violations()).singleElement().satisfies(v -> {
            assertThat(v.kind()).isEqualTo(Violation.Kind.DOUBLE_FREE_AFTER_REUSE);
            assertThat(v.index()).isEqualTo(victim);
            assertThat(v.block().from()).isEqualTo(heap.addressOf(victim));
            assertThat(v.block().isFreed()).isTrue();
            assertThat(v.otherBlock().from()).isEqualTo(heap.addressOf(reused));
            assertThat(v.otherBlock().isFreed()).isFalse();
        });
        heap.writeByte(reused, 1); // the newer block is still live: no violation
        assertThat(heap.violations()).hasSize(1);
    }

    @Property(tries = 150)
    void with_tags_a_stale_read_after_reuse_is_a_use_after_free_naming_the_new_owner(
            @ForAll("programs") List<ProgramOp> before, @ForAll @IntRange(min = 1, max = 200) int size,
            @ForAll @IntRange(min = 0, max = 199) int offset) {
        CheckedHeap heap = recordingWithoutCoalescing();
        ProgramRun run = new ProgramRun(heap);
        run.run(before);
        int victim = heap.alloc(size);
        heap.dealloc(victim);
        int reused = reuse(heap, victim, size);
        int index = victim + offset % size;
        heap.readByte(index);
        assertThat(heap.violations()).singleElement().satisfies(v -> {
            assertThat(v.kind()).isEqualTo(Violation.Kind.USE_AFTER_FREE);
            assertThat(v.address()).isEqualTo(heap.addressOf(index));
            assertThat(v.block().from()).isEqualTo(heap.addressOf(victim));
            assertThat(v.otherBlock().from()).isEqualTo(heap.addressOf(reused));
        });
    }

    /** Allocates {@code size} until the allocator hands out the victim's address again; returns that index. */
    private static int reuse(CheckedHeap heap, int victim, int size) {
        List<Integer> fillers = new ArrayList<>();
        for (int tries = 0; tries < 10_000; tries++) {
            int index = heap.alloc(size);
            if (heap.addressOf(index) == heap.addressOf(victim)) {
                return index;
            }
            fillers.add(index);
        }
        throw new AssertionError("first fit without coalescing never handed out " + heap.addressOf(victim) + " again");
    }

    @Property(tries = 150)
    void an_invalid_free_inside_a_block_is_reported_naming_the_block(
            @ForAll("programs") List<ProgramOp> before, @ForAll("programs") List<ProgramOp> after,
            @ForAll @IntRange(min = 2, max = 200) int size, @ForAll @IntRange(min = 0, max = 198) int offset,
            @ForAll boolean tagged) {
        CheckedHeap heap = recording(tagged, CheckedHeap.DEFAULT_QUARANTINE_BYTES);
        ProgramRun run = new ProgramRun(heap);
        run.run(before);
        int victim = heap.alloc(size);
        run.run(after);
        int index = victim + 1 + offset % (size - 1);
        heap.dealloc(index);
        heap.writeByte(victim, 1); // the block was not freed
        heap.dealloc(victim);
        run.freeAll();
        assertThat(heap.violations()).singleElement().satisfies(v -> {
            assertThat(v.kind()).isEqualTo(Violation.Kind.INVALID_FREE);
            assertThat(v.address()).isEqualTo(heap.addressOf(index));
            assertThat(v.block().from()).isEqualTo(heap.addressOf(victim));
        });
    }

    @Property(tries = 150)
    void an_access_one_past_the_payload_is_out_of_bounds_of_that_block(
            @ForAll("programs") List<ProgramOp> before, @ForAll("programs") List<ProgramOp> after,
            @ForAll @IntRange(min = 1, max = 200) int size, @ForAll boolean tagged, @ForAll boolean write) {
        CheckedHeap heap = recording(tagged, CheckedHeap.DEFAULT_QUARANTINE_BYTES);
        ProgramRun run = new ProgramRun(heap);
        run.run(before);
        int victim = heap.alloc(size);
        run.run(after);
        int index = victim + size;
        if (write) {
            heap.writeByte(index, 1);
        } else {
            heap.readByte(index);
        }
        heap.dealloc(victim);
        run.freeAll();
        assertThat(heap.violations()).singleElement().satisfies(v -> {
            assertThat(v.kind()).isEqualTo(Violation.Kind.OUT_OF_BOUNDS);
            assertThat(v.access()).isEqualTo(write ? Violation.Access.WRITE : Violation.Access.READ);
            assertThat(v.address()).isEqualTo(heap.addressOf(index));
            assertThat(v.block().from()).isEqualTo(heap.addressOf(victim));
        });
    }

    @Property(tries = 150)
    void a_block_never_freed_is_the_only_leak(
            @ForAll("programs") List<ProgramOp> before, @ForAll("programs") List<ProgramOp> after,
            @ForAll @IntRange(min = 1, max = 200) int size, @ForAll boolean tagged) {
        CheckedHeap heap = recording(tagged, CheckedHeap.DEFAULT_QUARANTINE_BYTES);
        ProgramRun run = new ProgramRun(heap);
        run.run(before);
        int victim = heap.at("the victim").alloc(size);
        heap.at("the program");
        run.run(after);
        run.freeAll();
        assertThat(heap.violations()).isEmpty();
        assertThat(heap.leaks()).singleElement().satisfies(v -> {
            assertThat(v.kind()).isEqualTo(Violation.Kind.LEAK);
            assertThat(v.index()).isEqualTo(victim);
            assertThat(v.block().requestedSize()).isEqualTo(size);
            assertThat(v.site()).hasToString("the victim");
        });
        assertThat(heap.leakReport().bytesInUse()).isEqualTo(size);
        assertThat(heap.alloc(1)).isNotEqualTo(Allocator.NULL);
    }
}
