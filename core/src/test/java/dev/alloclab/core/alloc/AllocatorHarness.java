package dev.alloclab.core.alloc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alloclab.core.memory.HeapBytes;
import java.util.ArrayList;
import java.util.List;

/**
 * Drives any {@link Allocator} the way the Malloc Lab driver does and checks its rules after
 * every step: payloads 8-aligned, inside the heap, never overlapping a live payload; the bytes a
 * program wrote survive every other operation; realloc keeps the prefix. Each block is filled
 * with a pattern derived from its id, so a clobbered byte names the block it belonged to.
 */
final class AllocatorHarness {
    /** One step of a random program; "nth" picks a live block by position, so any list of ops is valid. */
    sealed interface Op permits Alloc, Free, Realloc {
    }

    record Alloc(int size) implements Op {
    }

    record Free(int nth) implements Op {
    }

    record Realloc(int nth, int size) implements Op {
    }

    private record Block(int id, int index, int size) {
        int end() {
            return index + size;
        }
    }

    private final Allocator allocator;
    private final HeapBytes heap;
    private final List<Block> live = new ArrayList<>();
    private int nextId;
    private int nullCount;

    AllocatorHarness(Allocator allocator) {
        this.allocator = allocator;
        this.heap = allocator.heap();
    }

    void run(Op op) {
        if (op instanceof Alloc alloc) {
            alloc(alloc.size());
        } else if (op instanceof Free free) {
            free(free.nth());
        } else if (op instanceof Realloc realloc) {
            realloc(realloc.nth(), realloc.size());
        }
        checkEveryPattern();
    }

    private void alloc(int size) {
        int index = allocator.alloc(size);
        if (index == Allocator.NULL) {
            nullCount++;
            return;
        }
        admit(new Block(nextId++, index, size), "alloc(" + size + ")");
    }

    private void free(int nth) {
        if (live.isEmpty()) {
            return;
        }
        Block block = live.remove(Math.floorMod(nth, live.size()));
        checkPattern(block);
        allocator.dealloc(block.index());
    }

    private void realloc(int nth, int size) {
        if (live.isEmpty()) {
            return;
        }
        int position = Math.floorMod(nth, live.size());
        Block old = live.get(position);
        checkPattern(old);
        int index = allocator.realloc(old.index(), size);
        if (index == Allocator.NULL) {
            nullCount++;
            checkPattern(old); // a failed realloc leaves the old block untouched
            return;
        }
        live.remove(position);
        Block moved = new Block(old.id(), index, size);
        int kept = Math.min(old.size(), size);
        for (int i = 0; i < kept; i++) {
            assertThat(heap.readByte(index + i))
                    .as("byte %d of block #%d after realloc(%d, %d) moved it to %d: the old prefix must survive",
                            i, old.id(), old.index(), size, index)
                    .isEqualTo(pattern(old.id(), i));
        }
        admit(moved, "realloc(" + old.index() + ", " + size + ")");
    }

    private void admit(Block block, String operation) {
        assertThat(block.index() % Allocator.ALIGNMENT).as("%s returned %d, which is not 8-aligned", operation, block.index())
                .isZero();
        assertThat(heap.contains(block.index(), block.size()))
                .as("%s returned [%d, %d), which is not inside the heap [0, %d)", operation, block.index(), block.end(),
                        heap.size())
                .isTrue();
        assertThat(allocator.usableSize(block.index())).as("usableSize after %s", operation)
                .isGreaterThanOrEqualTo(block.size());
        for (Block other : live) {
            boolean overlap = block.index() < other.end() && other.index() < block.end();
            assertThat(overlap).as("%s returned [%d, %d), which overlaps live block #%d [%d, %d)", operation,
                    block.index(), block.end(), other.id(), other.index(), other.end()).isFalse();
        }
        for (int i = 0; i < block.size(); i++) {
            heap.writeByte(block.index() + i, pattern(block.id(), i));
        }
        live.add(block);
    }

    void checkEveryPattern() {
        for (Block block : live) {
            checkPattern(block);
        }
    }

    private void checkPattern(Block block) {
        for (int i = 0; i < block.size(); i++) {
            byte actual = heap.readByte(block.index() + i);
            if (actual != pattern(block.id(), i)) {
                throw new AssertionError("byte " + i + " of live block #" + block.id() + " [" + block.index() + ", "
                        + block.end() + ") was overwritten: expected " + pattern(block.id(), i) + " but found " + actual);
            }
        }
    }

    private static byte pattern(int id, int offset) {
        return (byte) (id * 131 + offset * 7 + 1);
    }

    Allocator allocator() {
        return allocator;
    }

    int liveCount() {
        return live.size();
    }

    int nullCount() {
        return nullCount;
    }

    /** Checks that the allocator's regions tile its part of the heap, from its first region to the break. */
    void checkRegionsTileTheHeap() {
        List<HeapRegion> regions = allocator.regions();
        if (regions.isEmpty()) {
            return;
        }
        int expectedFrom = regions.get(0).from();
        for (HeapRegion region : regions) {
            assertThat(region.from()).as("regions must tile the heap without gaps or overlaps: %s", regions)
                    .isEqualTo(expectedFrom);
            expectedFrom = region.to();
        }
        assertThat(expectedFrom).as("the last region must end at the break").isEqualTo(heap.size());
        long liveBytes = regions.stream().filter(r -> r.kind() == HeapRegion.Kind.LIVE).mapToLong(HeapRegion::length).sum();
        assertThat(liveBytes).as("live bytes in the picture").isGreaterThanOrEqualTo(
                live.stream().mapToLong(Block::size).sum());
    }
}
