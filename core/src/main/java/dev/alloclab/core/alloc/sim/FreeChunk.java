package dev.alloclab.core.alloc.sim;

/**
 * One entry of the free list: the free chunk {@code [address, address + size)}.
 *
 * <p>Addresses and sizes are in the simulator's units (bytes from address 0, so a heap based at
 * 1000 has chunks such as {@code [1000, 1010)}).
 */
public record FreeChunk(int address, int size) {
    public FreeChunk {
        if (size <= 0) {
            throw new IllegalArgumentException("a free chunk needs size > 0, but [" + address + ", +" + size
                    + ") has " + size);
        }
    }

    /** The first address after the chunk. */
    public int end() {
        return address + size;
    }

    /** True if {@code address} lies in {@code [address(), end())}. */
    public boolean contains(int someAddress) {
        return someAddress >= address && someAddress < end();
    }

    @Override
    public String toString() {
        return "[addr " + address + " size " + size + "]";
    }
}
