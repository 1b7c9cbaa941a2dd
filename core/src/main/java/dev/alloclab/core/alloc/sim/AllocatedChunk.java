package dev.alloclab.core.alloc.sim;

/**
 * A chunk handed out by {@link FreeListSimulator#allocate(int)}: {@code [address, address + size)},
 * header included, for a request of {@code requestedSize} bytes.
 *
 * <p>{@code size} is the request rounded up to the alignment plus the header, so
 * {@code size - requestedSize} bytes are bookkeeping and padding.
 */
public record AllocatedChunk(int address, int size, int requestedSize) {
    /** The first address after the chunk. */
    public int end() {
        return address + size;
    }

    @Override
    public String toString() {
        return "[addr " + address + " size " + size + " for " + requestedSize + "]";
    }
}
