package dev.alloclab.core.check;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The shadow's bytes, one per 8-byte granule, kept in two levels so that marking a big block costs
 * about a sixty-fourth of its size instead of an eighth.
 *
 * <p>Why: a block of N bytes is marked when it is allocated and again when it is freed. With one
 * shadow byte per granule that is N/8 bytes written each time, in shadow memory that is cold by
 * then; on traces of KiB-sized blocks those writes were half of the checked heap's cost. But the
 * interior of a block is all the same: every granule of a live payload reads "8 live bytes, tag t",
 * every granule of a freed one "freed, tag t". So the granules are grouped in <b>pages</b> of
 * {@value #PAGE_GRANULES} (one page = 64 heap bytes = one {@code long} of granule bytes), and each
 * page has a summary byte:
 * <ul>
 *   <li>a granule value {@code v}: every granule of the page is {@code v}, whatever the fine array
 *       holds there (it is stale and never read);</li>
 *   <li>{@link #MIXED}: the granules differ; read them in the fine array.</li>
 * </ul>
 * Filling a run of granules writes one summary byte per whole page inside it and touches the
 * fine array only in the (at most two) pages the run starts or ends inside. Such a page is first
 * made MIXED by writing its summary value into its eight granules (one {@code long}), then the
 * granules of the run are merged in; if the result is eight equal granules the page is summarized
 * again. Reading a granule reads its page's summary first, and the fine byte only if MIXED.
 *
 * <p>To callers this is exactly a {@code byte[]} of granules ({@link #get}, {@link #set},
 * {@link #fill}): a property checks it against one. Every value except {@link #MIXED} may be
 * stored. A fresh or grown array reads 0 everywhere (its summaries are 0: "all granules 0").
 */
final class GranuleArray {
    /** Granules per page: one {@code long} of the fine array. */
    static final int PAGE_GRANULES = 8;
    static final int PAGE_SHIFT = 3;
    /** The summary of a page whose granules differ. A kind no granule uses (15), so never a granule value. */
    static final byte MIXED = (byte) 0x0F;

    private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long EVERY_BYTE = 0x0101010101010101L;

    /** One byte per granule; only meaningful in MIXED pages. Its length is a multiple of {@link #PAGE_GRANULES}. */
    private byte[] fine = new byte[0];
    /** One byte per page: the value of all its granules, or {@link #MIXED}. */
    private byte[] pages = new byte[0];

    /** How many granules it holds. */
    int length() {
        return fine.length;
    }

    /** Holds at least {@code granules} granules from now on; the new ones read 0. */
    void growTo(int granules) {
        if (granules > fine.length) {
            int pageCount = (int) (((long) granules + PAGE_GRANULES - 1) >>> PAGE_SHIFT);
            fine = Arrays.copyOf(fine, pageCount << PAGE_SHIFT);
            pages = Arrays.copyOf(pages, pageCount);
        }
    }

    /** The value of granule {@code g}. */
    byte get(int g) {
        byte summary = pages[g >>> PAGE_SHIFT];
        return summary == MIXED ? fine[g] : summary;
    }

    /** Sets granule {@code g} to {@code value} (anything but {@link #MIXED}). */
    void set(int g, byte value) {
        setInPage(g >>> PAGE_SHIFT, g & (PAGE_GRANULES - 1), (g & (PAGE_GRANULES - 1)) + 1, value);
    }

    /** Sets granules {@code [from, to)} to {@code value} (anything but {@link #MIXED}). */
    void fill(int from, int to, byte value) {
        if (from >= to) {
            return;
        }
        int page = from >>> PAGE_SHIFT;
        int lastPage = (to - 1) >>> PAGE_SHIFT;
        int head = from & (PAGE_GRANULES - 1);
        if (page == lastPage) {
            setInPage(page, head, to - (page << PAGE_SHIFT), value);
            return;
        }
        if (head != 0) {
            setInPage(page, head, PAGE_GRANULES, value);
            page++;
        }
        int wholeEnd = to >>> PAGE_SHIFT;                     // pages [page, wholeEnd) lie wholly inside
        fillPages(page, wholeEnd, value);
        int tail = to & (PAGE_GRANULES - 1);
        if (tail != 0) {
            setInPage(wholeEnd, 0, tail, value);
        }
    }

    /** Granules {@code [a, b)} of page {@code page} (0 <= a < b <= 8) become {@code value}. */
    private void setInPage(int page, int a, int b, byte value) {
        byte summary = pages[page];
        if (a == 0 && b == PAGE_GRANULES || summary == value) {
            pages[page] = value;
            return;
        }
        int at = page << PAGE_SHIFT;
        long old = summary == MIXED ? (long) WORDS.get(fine, at) : (summary & 0xFFL) * EVERY_BYTE;
        long word = (value & 0xFFL) * EVERY_BYTE;
        long mask = (b == PAGE_GRANULES ? -1L : (1L << (b << 3)) - 1) & -(1L << (a << 3));
        long merged = old & ~mask | word & mask;
        if (merged == word) {
            pages[page] = value;                             // all eight granules are value now
        } else {
            WORDS.set(fine, at, merged);
            pages[page] = MIXED;
        }
    }

    /** Summaries {@code [from, to)} become {@code value}, eight at a time. */
    private void fillPages(int from, int to, byte value) {
        int i = from;
        long word = (value & 0xFFL) * EVERY_BYTE;
        for (int last = to - Long.BYTES; i <= last; i += Long.BYTES) {
            WORDS.set(pages, i, word);
        }
        for (; i < to; i++) {
            pages[i] = value;
        }
    }
}
