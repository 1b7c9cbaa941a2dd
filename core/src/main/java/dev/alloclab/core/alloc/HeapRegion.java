package dev.alloclab.core.alloc;

/**
 * A run of heap bytes {@code [from, to)} and what it is, for pictures. An allocator describes its
 * heap as regions in address order (see {@link Allocator#regions()}).
 */
public record HeapRegion(int from, int to, Kind kind) {
    /** What a run of bytes is used for. */
    public enum Kind {
        /** Allocator bookkeeping: a block header or boundary-tag footer. */
        HEADER('h'),
        /** Payload of a live (allocated) block. */
        LIVE('a'),
        /** Padding inside a live block, past the requested size. */
        PADDING('p'),
        /** A free block, available for allocation. */
        FREE('.'),
        /** Freed but held back by the checked heap's quarantine so stale indexes hit poison. */
        QUARANTINED('f');

        private final char symbol;

        Kind(char symbol) {
            this.symbol = symbol;
        }

        /** The character text pictures draw for one byte (or cell) of this kind. */
        public char symbol() {
            return symbol;
        }
    }

    public HeapRegion {
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("a region needs 0 <= from <= to, but was [" + from + ", " + to + ")");
        }
        if (kind == null) {
            throw new IllegalArgumentException("kind must not be null");
        }
    }

    public int length() {
        return to - from;
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + " [" + from + ", " + to + ")";
    }
}
