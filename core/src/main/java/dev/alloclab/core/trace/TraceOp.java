package dev.alloclab.core.trace;

/**
 * One line of a trace: what the program does to its heap, and the source line that says so.
 *
 * <p>The first three kinds are the CS:APP Malloc Lab operations; {@link Write} and {@link Read}
 * are alloclab's teaching operations, meaningful only on the checked heap (a Malloc Lab replay
 * skips them). Block ids name a block through its whole life: {@code a 3 24} gives block 3 a
 * payload, {@code f 3} gives it back. The id {@value #NULL_ID} is the null pointer (only a
 * lenient parse produces it, from {@code f -1}).
 *
 * <p>Sizes, offsets and lengths are {@code long} because traces in circulation hold numbers that
 * no 32-bit heap can serve; the replayer decides what to do with them (see {@link Replayer}).
 */
public sealed interface TraceOp {
    /** The id of the null pointer: {@code f -1} frees it, which does nothing. */
    int NULL_ID = -1;

    /** The block this operation is about. */
    int id();

    /** The line of the trace file that holds this operation (1-based). */
    int line();

    /** The operation as it is written in a {@code .rep} file, e.g. {@code a 3 24}. */
    String text();

    /** {@code a id size}: allocate {@code size} bytes for block {@code id}. */
    record Alloc(int id, long size, int line) implements TraceOp {
        @Override
        public String text() {
            return "a " + id + " " + size;
        }
    }

    /** {@code f id}: free block {@code id}. */
    record Free(int id, int line) implements TraceOp {
        @Override
        public String text() {
            return "f " + id;
        }
    }

    /** {@code r id size}: resize block {@code id} to {@code size} bytes, keeping its first bytes. */
    record Realloc(int id, long size, int line) implements TraceOp {
        @Override
        public String text() {
            return "r " + id + " " + size;
        }
    }

    /**
     * {@code w id offset length}: the program writes {@code length} bytes at {@code offset} bytes
     * into block {@code id}'s payload. The offset may lie outside the payload on purpose (an
     * overflow); the block may have been freed (a use-after-free).
     */
    record Write(int id, long offset, long length, int line) implements TraceOp {
        @Override
        public String text() {
            return "w " + id + " " + offset + " " + length;
        }
    }

    /** {@code rd id offset length}: the program reads, with the same freedoms as {@link Write}. */
    record Read(int id, long offset, long length, int line) implements TraceOp {
        @Override
        public String text() {
            return "rd " + id + " " + offset + " " + length;
        }
    }
}
