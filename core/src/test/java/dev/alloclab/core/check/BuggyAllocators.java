package dev.alloclab.core.check;

import dev.alloclab.core.alloc.Allocator;
import dev.alloclab.core.memory.HeapBytes;
import dev.alloclab.core.testing.TestFirstFitAllocator;

/**
 * Deliberately broken allocators, one bug each, built on the correct test first-fit. Each names
 * the rule it breaks; the validator tests prove every one of them is caught.
 */
final class BuggyAllocators {
    private BuggyAllocators() {
    }

    /** A correct allocator whose calls the bugs below intercept. */
    abstract static class Wrapper implements Allocator {
        final TestFirstFitAllocator inner;

        Wrapper(HeapBytes heap) {
            this.inner = new TestFirstFitAllocator(heap);
        }

        @Override
        public int alloc(int size) {
            return inner.alloc(size);
        }

        @Override
        public void dealloc(int index) {
            inner.dealloc(index);
        }

        @Override
        public HeapBytes heap() {
            return inner.heap();
        }

        @Override
        public int usableSize(int index) {
            return inner.usableSize(index);
        }
    }

    /** Returns payloads 4 bytes into the block, as if it forgot to pad after a 4-byte header. */
    static Allocator misaligned(HeapBytes heap) {
        return new Wrapper(heap) {
            @Override
            public int alloc(int size) {
                int p = inner.alloc(size + 4);
                return p == NULL ? NULL : p + 4;
            }

            @Override
            public void dealloc(int index) {
                inner.dealloc(index - 4);
            }
        };
    }

    /** Every third allocation hands out the previous payload again, as if it forgot to mark it used. */
    static Allocator overlapping(HeapBytes heap) {
        return new Wrapper(heap) {
            private int count;
            private int previous = NULL;

            @Override
            public int alloc(int size) {
                count++;
                if (count % 3 == 0 && previous != NULL) {
                    return previous;
                }
                previous = inner.alloc(size);
                return previous;
            }
        };
    }

    /** Grows the heap 8 bytes too little, so the last payload hangs past the heap's end. */
    static Allocator pastTheHeapEnd(HeapBytes heap) {
        return new Wrapper(heap) {
            @Override
            public int alloc(int size) {
                int rounded = (size + 7) & ~7;
                int p = heap.sbrk(Math.max(0, rounded - 8));
                return p == HeapBytes.NO_MEMORY ? NULL : p;
            }

            @Override
            public void dealloc(int index) {
                // a bump allocator: nothing to give back
            }
        };
    }

    /** On free, writes a free-list link 8 bytes before the payload: into the neighbour below. */
    static Allocator corruptsItsNeighbour(HeapBytes heap) {
        return new Wrapper(heap) {
            @Override
            public void dealloc(int index) {
                if (index >= 8) {
                    heap.writeLong(index - 8, 0x0BAD_F00D_0BAD_F00DL);
                }
                inner.dealloc(index);
            }
        };
    }

    /** realloc moves the block but copies nothing. */
    static Allocator reallocLosesThePrefix(HeapBytes heap) {
        return new Wrapper(heap) {
            @Override
            public int realloc(int index, int size) {
                if (index == NULL) {
                    return alloc(size);
                }
                int moved = inner.alloc(size);
                inner.dealloc(index);
                return moved;
            }
        };
    }

    /** Throws for sizes over 1000 bytes instead of serving them. */
    static Allocator throwsOnBigSizes(HeapBytes heap) {
        return new Wrapper(heap) {
            @Override
            public int alloc(int size) {
                if (size > 1000) {
                    throw new IllegalStateException("no size class for " + size);
                }
                return inner.alloc(size);
            }
        };
    }
}
