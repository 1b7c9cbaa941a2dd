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

    /** Locals are aligned to their own size, at most 8 (as C compilers do). */
    int alignment() {
        return size >= 8 ? 8 : Integer.highestOneBit(size) == size ? size : Integer.highestOneBit(size) << 1;
    }
}
