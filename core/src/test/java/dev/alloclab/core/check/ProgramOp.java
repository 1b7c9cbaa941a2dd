package dev.alloclab.core.check;

/**
 * One step of a generated program. Blocks are picked as "the n-th live block" ({@code pick}
 * modulo the live count) so that a shrunk program still means something.
 *
 * @param kind what the step does
 * @param pick which live block (modulo the live count)
 * @param size the size of an alloc or realloc, the width (1, 4 or 8) of a read or write
 * @param offset where in the block a read or write goes (modulo the room there is)
 * @param value what a write stores
 */
record ProgramOp(Kind kind, int pick, int size, int offset, long value) {
    enum Kind { ALLOC, FREE, WRITE, READ, REALLOC }

    @Override
    public String toString() {
        return switch (kind) {
            case ALLOC -> "alloc(" + size + ")";
            case FREE -> "free(live #" + pick + ")";
            case WRITE -> "write" + size + "(live #" + pick + " + " + offset + ", " + value + ")";
            case READ -> "read" + size + "(live #" + pick + " + " + offset + ")";
            case REALLOC -> "realloc(live #" + pick + ", " + size + ")";
        };
    }
}
