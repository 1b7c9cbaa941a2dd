package dev.alloclab.core.alloc.segregated;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alloclab.core.alloc.Allocator;
import dev.alloclab.core.alloc.HeapRegion;
import dev.alloclab.core.memory.HeapBytes;
import java.util.ArrayList;
import java.util.List;

/**
 * Drives an allocator like a program would and checks the Malloc Lab rules after every step:
 * payloads aligned, inside the heap, not overlapping, their bytes intact; realloc keeps the prefix.
 * Each live block is filled with a pattern derived from its serial number.
 */
final class HeapHarness {
    private final Allocator allocator;
    private final List<int[]> live = new ArrayList<>(); // {index, size, serial}
    private int serial;

    HeapHarness(Allocator allocator) {
        this.allocator = allocator;
    }

    Allocator allocator() {
        return allocator;
    }

    int liveCount() {
        return live.size();
    }

    /** alloc + fill; returns the index (or NULL when the heap is full). */
    int allocAndFill(int size) {
        int index = allocator.alloc(size);
        if (index != Allocator.NULL) {
            live.add(new int[] {index, size, ++serial});
            fill(live.get(live.size() - 1));
        }
        checkInvariants("alloc(" + size + ")");
        return index;
    }

    /** dealloc of the n-th live block (n taken modulo the live count). */
    void freeNth(int n) {
        if (live.isEmpty()) {
            return;
        }
        int[] block = live.remove(Math.floorMod(n, live.size()));
        verify(block, block[1]);
        allocator.dealloc(block[0]);
        checkInvariants("dealloc(" + block[0] + ")");
    }

    /** realloc of the n-th live block; checks that the common prefix survives. */
    void reallocNth(int n, int size) {
        if (live.isEmpty()) {
            return;
        }
        int[] block = live.get(Math.floorMod(n, live.size()));
        int moved = allocator.realloc(block[0], size);
        if (size == 0) {
            // realloc(index, 0) is dealloc(index): the block is gone
            live.remove(block);
            checkInvariants("realloc(" + block[0] + ", 0)");
            return;
        }
        if (moved == Allocator.NULL) {
            verify(block, block[1]); // a failed realloc leaves the old block as it was
            return;
        }
        int kept = Math.min(block[1], size);
        block[0] = moved;
        verify(block, kept);
        block[1] = size;
        fill(block);
        checkInvariants("realloc(" + moved + ", " + size + ")");
    }

    void checkInvariants(String step) {
        HeapBytes heap = allocator.heap();
        List<int[]> byIndex = new ArrayList<>(live);
        byIndex.sort((a, b) -> Integer.compare(a[0], b[0]));
        int end = Integer.MIN_VALUE;
        for (int[] block : byIndex) {
            assertThat(block[0] % Allocator.ALIGNMENT).as("after %s: payload %d is 8-byte aligned", step, block[0])
                    .isZero();
            assertThat(heap.contains(block[0], block[1]))
                    .as("after %s: payload [%d, %d) lies inside the heap of %d bytes", step, block[0],
                            block[0] + block[1], heap.size())
                    .isTrue();
            assertThat(block[0]).as("after %s: payload %d overlaps the one ending at %d", step, block[0], end)
                    .isGreaterThanOrEqualTo(end);
            assertThat(allocator.usableSize(block[0])).as("usable size of %d", block[0]).isGreaterThanOrEqualTo(block[1]);
            end = block[0] + block[1];
            verify(block, block[1]);
        }
        checkRegionsTileTheHeap(step);
    }

    /** The allocator's own picture covers the heap exactly, in order, and agrees with what is live. */
    private void checkRegionsTileTheHeap(String step) {
        List<HeapRegion> regions = allocator.regions();
        if (allocator.heap().size() == 0) {
            assertThat(regions).isEmpty();
            return;
        }
        int at = 0;
        int liveRegions = 0;
        for (HeapRegion region : regions) {
            assertThat(region.from()).as("after %s: regions tile the heap", step).isEqualTo(at);
            at = region.to();
            if (region.kind() == HeapRegion.Kind.LIVE) {
                liveRegions++;
            }
        }
        assertThat(at).as("after %s: regions end at the break", step).isEqualTo(allocator.heap().size());
        assertThat(liveRegions).as("after %s: one live region per live block", step).isEqualTo(live.size());
    }

    private void fill(int[] block) {
        for (int i = 0; i < block[1]; i++) {
            allocator.heap().writeByte(block[0] + i, pattern(block[2], i));
        }
    }

    private void verify(int[] block, int length) {
        for (int i = 0; i < length; i++) {
            assertThat(allocator.heap().readByte(block[0] + i))
                    .as("byte %d of block #%d at %d survives", i, block[2], block[0])
                    .isEqualTo(pattern(block[2], i));
        }
    }

    private static byte pattern(int serial, int offset) {
        return (byte) (serial * 131 + offset * 17 + 5);
    }
}
