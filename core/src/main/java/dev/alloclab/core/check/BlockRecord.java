package dev.alloclab.core.check;

/**
 * What the checked heap knows about one block: its payload, who allocated it and, once it is
 * freed, who freed it.
 *
 * <p>The payload is {@code [from, to)} with {@code to = from + requestedSize}: the bytes the
 * program asked for. The allocator may have handed out more ({@code usableSize}); the bytes past
 * {@code to} are padding, and touching them is an out-of-bounds access, as under AddressSanitizer.
 * Records are values: freeing a block makes a new record with {@link #freed()} set.
 *
 * @param id the block's number, counting allocations from 1 ({@code block #3})
 * @param from the payload's first byte (the plain address, without a tag)
 * @param requestedSize the bytes the program asked for
 * @param usableSize the bytes the allocator handed out ({@code >= requestedSize})
 * @param tag the block's tag (see {@link TaggedIndex}); also used untagged, to tell neighbours apart
 * @param allocated the call that created the block
 * @param freed the call that freed it, or {@code null} while it is live
 */
public record BlockRecord(int id, int from, int requestedSize, int usableSize, int tag,
                          HeapEvent allocated, HeapEvent freed) {

    /** One past the payload's last byte. */
    public int to() {
        return from + requestedSize;
    }

    /** One past the last byte the allocator handed out. */
    public int usableEnd() {
        return from + usableSize;
    }

    public boolean isFreed() {
        return freed != null;
    }

    /** True if {@code address} is one of the payload's bytes. */
    public boolean contains(long address) {
        return address >= from && address < to();
    }

    /** True if {@code address} is one of the bytes the allocator handed out for this block. */
    public boolean spans(long address) {
        return address >= from && address < Math.max(to(), usableEnd());
    }

    /** The allocating call, e.g. {@code alloc(20)}. */
    public String allocatedBy() {
        return allocated.call();
    }

    /** The freeing call, e.g. {@code dealloc(64)}, or {@code null} while live. */
    public String freedBy() {
        return freed == null ? null : freed.call();
    }

    /** The index the program was given for this block: tagged in tagged mode. */
    public int index(boolean tagged) {
        return tagged ? TaggedIndex.of(from, tag) : from;
    }

    BlockRecord freedBy(HeapEvent event) {
        return new BlockRecord(id, from, requestedSize, usableSize, tag, allocated, event);
    }

    /** {@code block #3 [64, 84)}. */
    public String name() {
        return "block #" + id + " [" + from + ", " + to() + ")";
    }

    /** The name with a note after the number: {@code block #3 (trace id 2) [64, 84)}. */
    public String name(String note) {
        return "block #" + id + " (" + note + ") [" + from + ", " + to() + ")";
    }

    @Override
    public String toString() {
        return name() + " from " + allocatedBy() + " at step " + allocated.step()
                + (freed == null ? "" : ", freed by " + freedBy() + " at step " + freed.step());
    }
}
