package dev.alloclab.core.check;

import dev.alloclab.core.Checks;
import dev.alloclab.core.alloc.HeapRegion;
import java.util.List;

/**
 * One memory mistake the checked heap caught: the facts a report is rendered from.
 *
 * <p>A violation holds numbers and records, never pre-formatted text (except the advice):
 * {@link ViolationReport#render(Violation)} turns it into the AddressSanitizer-like report, and
 * tests check the fields.
 *
 * @param kind what went wrong
 * @param access what the program was doing: reading, writing, freeing, or ending with live blocks
 * @param index the index the program used, as it passed it (tagged in tagged mode)
 * @param address the heap address it points at (the index without its tag)
 * @param length the bytes accessed (0 for a free; the block's size for a leak)
 * @param step the step of the operation that went wrong (heap operations counted from 1)
 * @param site where in the program it happened
 * @param block the block the index belongs to or was meant for: the freed block of a
 *     use-after-free or double free, the block overflowed, the block an invalid free points
 *     into, the leaked block; {@code null} when the index is near no block at all
 * @param otherBlock a second block the report must name: the newer block that now owns a reused
 *     address, or the neighbour an overflow ran into; else {@code null}
 * @param heapSize the heap's size (its break) at the time
 * @param neighbourhood the heap around the index at the time, for the report's map, in address order
 * @param advice one concrete step for the learner to take
 */
public record Violation(Kind kind, Access access, int index, int address, int length, int step, Site site,
                        BlockRecord block, BlockRecord otherBlock, int heapSize,
                        List<HeapRegion> neighbourhood, String advice) {

    /** What went wrong. Each kind has a slug (the report's first word) and a lesson in the docs. */
    public enum Kind {
        /** A read or write through the index of a freed block. */
        USE_AFTER_FREE("use-after-free"),
        /** dealloc of a block that was already freed. */
        DOUBLE_FREE("double-free"),
        /**
         * dealloc through a stale index whose address a newer allocation got in the meantime:
         * performed, it would free the newer block under its owner. Caught in tagged mode only;
         * without tags the stale index equals the new block's index and the dealloc looks legal.
         */
        DOUBLE_FREE_AFTER_REUSE("double-free-after-reuse"),
        /** dealloc of an index that is not the start of a block: inside one, or never allocated. */
        INVALID_FREE("invalid-free"),
        /**
         * An access outside its block: past its end, into its padding, into a neighbour, into free bytes, past the
         * heap. An access that lands wholly inside a live neighbour's payload is caught only with tagged indexes
         * ({@link CheckedHeap.Builder#taggedIndexes(boolean)}; every trace replay is tagged, and checks each line
         * against its own block besides): untagged, those bytes are the neighbour's as far as the shadow can tell.
         * AddressSanitizer catches the nearby ones through the redzones it keeps between blocks.
         */
        OUT_OF_BOUNDS("heap-buffer-overflow"),
        /**
         * A read or write through NULL (-1): the index alloc answers when memory runs out or for 0 bytes, and
         * realloc(p, 0) after freeing p. AddressSanitizer reports it as a SEGV on the zero page; the kit
         * names the mistake instead of the signal.
         */
        NULL_DEREFERENCE("null-dereference"),
        /** A block still live when the program ended. */
        LEAK("leak");

        private final String slug;

        Kind(String slug) {
            this.slug = slug;
        }

        /** The report's first word, as sanitizers name it: {@code use-after-free}. */
        public String slug() {
            return slug;
        }

        /** The docs page that explains this mistake: {@code docs/mistakes.md#use-after-free}. */
        public String lesson() {
            return "docs/mistakes.md#" + slug;
        }
    }

    /** What the program was doing when the mistake happened. */
    public enum Access {
        READ("read"), WRITE("write"), FREE("free"),
        /** A realloc of an index that is not a live block's: reported like a free of it, as AddressSanitizer does. */
        REALLOC("realloc"),
        EXIT("exit");

        private final String verb;

        Access(String verb) {
            this.verb = verb;
        }

        /** {@code read}, {@code write}, ... */
        public String verb() {
            return verb;
        }
    }

    public Violation {
        neighbourhood = List.copyOf(Checks.notNull(neighbourhood, "neighbourhood"));
        if (advice == null) {
            advice = Advice.defaultFor(kind, access, address, block, otherBlock);
        }
    }

    /** The same violation with advice written for this program, e.g. by a worked example. */
    public Violation withAdvice(String newAdvice) {
        return new Violation(kind, access, index, address, length, step, site, block, otherBlock, heapSize,
                neighbourhood, newAdvice);
    }

    /** The text report, laid out like AddressSanitizer's. */
    public String report() {
        return ViolationReport.render(this);
    }

    /** The headline: {@code use-after-free: READ of 4 bytes at heap index 76}. */
    @Override
    public String toString() {
        return ViolationReport.headline(this);
    }
}
