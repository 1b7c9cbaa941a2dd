package dev.alloclab.core.memory;

import dev.alloclab.core.Checks;

/**
 * A named local variable of a stack frame and how many bytes it takes, e.g. {@code Local.i32("year")}.
 * A heap-backed vec kept on the stack is {@code Local.bytes("years", VecMetadata.BYTES)}: only
 * its metadata lives in the frame; its elements live on the heap.
 */
public record Local(String name, int size) {
    public Local {
        Checks.notBlank(name, "name");
        Checks.positive(size, "size of local '" + name + "'");
    }

    public static Local i32(String name) {
        return new Local(name, Integer.BYTES);
    }

    public static Local i64(String name) {
        return new Local(name, Long.BYTES);
    }

    public static Local bytes(String name, int size) {
        return new Local(name, size);
    }

    /**
     * A local is aligned to its size rounded up to a power of two, at most 8; a byte array counts as one value
     * of its size (a {@code byte[7]} is aligned to 8). This is like, not the same as, what C compilers do: C
     * aligns a {@code char[7]} to 1, and real ABIs keep frames 16-byte aligned where the model uses 8. The
     * model's rule is the one chapter 1 and {@code alloclab quiz stack} state.
     */
    int alignment() {
        return size >= 8 ? 8 : Integer.highestOneBit(size) == size ? size : Integer.highestOneBit(size) << 1;
    }
}
