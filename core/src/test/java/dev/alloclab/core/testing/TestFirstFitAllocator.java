package dev.alloclab.core.testing;

import dev.alloclab.core.alloc.AllocationRequests;
import dev.alloclab.core.alloc.Allocator;
import dev.alloclab.core.memory.HeapBytes;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A test fixture: a correct first-fit allocator that keeps its bookkeeping outside the heap (a
 * sorted map of free runs, coalesced on free), so tests of the validator and the replayer have an
 * allocator that reuses memory without depending on the kit's reference allocators.
 */
public final class TestFirstFitAllocator implements Allocator {
    private final HeapBytes heap;
    private final TreeMap<Integer, Integer> free = new TreeMap<>();
    private final Map<Integer, Integer> allocated = new HashMap<>();

    public TestFirstFitAllocator(HeapBytes heap) {
        this.heap = heap;
    }

    @Override
    public int alloc(int size) {
        AllocationRequests.checkSize("alloc", size);
        if (size == 0) {
            return NULL;
        }
        int rounded = (size + 7) & ~7;
        for (Map.Entry<Integer, Integer> run : free.entrySet()) {
            int at = run.getKey();
            int length = run.getValue();
            if (length >= rounded) {
                free.remove(at); // 'run' must not be read after this: TreeMap may reuse the entry
                if (length > rounded) {
                    free.put(at + rounded, length - rounded);
                }
                allocated.put(at, rounded);
                return at;
            }
        }
        Map.Entry<Integer, Integer> last = free.lastEntry();
        int at;
        if (last != null && last.getKey() + last.getValue() == heap.size()) {
            if (heap.sbrk(rounded - last.getValue()) == HeapBytes.NO_MEMORY) {
                return NULL;
            }
            at = last.getKey();
            free.remove(at);
        } else {
            at = heap.sbrk(rounded);
            if (at == HeapBytes.NO_MEMORY) {
                return NULL;
            }
        }
        allocated.put(at, rounded);
        return at;
    }

    @Override
    public void dealloc(int index) {
        Integer size = allocated.remove(index);
        if (size == null) {
            return;
        }
        int from = index;
        int length = size;
        Map.Entry<Integer, Integer> below = free.lowerEntry(from);
        if (below != null && below.getKey() + below.getValue() == from) {
            from = below.getKey();
            length += below.getValue();
            free.remove(from);
        }
        Integer above = free.remove(index + size);
        if (above != null) {
            length += above;
        }
        free.put(from, length);
    }

    @Override
    public HeapBytes heap() {
        return heap;
    }

    @Override
    public int usableSize(int index) {
        return allocated.get(index);
    }
}
