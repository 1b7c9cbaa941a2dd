package dev.alloclab.core.check;

import dev.alloclab.core.alloc.Allocator;
import dev.alloclab.core.alloc.HeapRegion;
import dev.alloclab.core.memory.HeapBytes;
import java.util.List;

/**
 * An {@link Allocator} that validates every call of the one it wraps (see
 * {@link AllocatorValidator}) and throws a {@link ValidationException} at the first broken rule.
 * Property tests drive it like any allocator:
 *
 * <pre>{@code
 * Allocator allocator = ValidatingAllocator.wrap(new MyAllocator(HeapBytes.withMax(1 << 20)));
 * int p = allocator.alloc(24);     // throws if p is misaligned, outside the heap, or overlaps
 * }</pre>
 *
 * <p>The validator owns the payload bytes: it fills them with a pattern and checks the pattern
 * at realloc and dealloc, so code that drives a {@code ValidatingAllocator} must not write into
 * its payloads. Null answers are legal (the allocator contract); each call is numbered in reports.
 */
public final class ValidatingAllocator implements Allocator {
    private final AllocatorValidator validator;
    private int calls;

    private ValidatingAllocator(Allocator allocator) {
        this.validator = AllocatorValidator.of(allocator);
    }

    /** Wraps a fresh {@code allocator}. */
    public static ValidatingAllocator wrap(Allocator allocator) {
        return new ValidatingAllocator(allocator);
    }

    /** The validator, e.g. to call {@link AllocatorValidator#checkLivePayloads()} at the end. */
    public AllocatorValidator validator() {
        return validator;
    }

    @Override
    public int alloc(int size) {
        calls++;
        return validator.at(calls, 0, "alloc(" + size + ")").alloc(size, calls);
    }

    @Override
    public void dealloc(int index) {
        calls++;
        validator.at(calls, 0, "dealloc(" + index + ")").dealloc(index);
    }

    @Override
    public int realloc(int index, int size) {
        calls++;
        return validator.at(calls, 0, "realloc(" + index + ", " + size + ")").realloc(index, size, calls);
    }

    @Override
    public HeapBytes heap() {
        return validator.allocator().heap();
    }

    @Override
    public int usableSize(int index) {
        return validator.allocator().usableSize(index);
    }

    @Override
    public List<HeapRegion> regions() {
        return validator.allocator().regions();
    }
}
