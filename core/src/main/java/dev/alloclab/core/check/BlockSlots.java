package dev.alloclab.core.check;

import java.util.Arrays;

/**
 * What the checked heap knows about each block while it holds it (live, in quarantine, or
 * remembered in the history): the facts of a {@link BlockRecord}, kept as one row of {@code int}s
 * per block in a single array. A block is named by its slot number {@code s}; its row is the
 * {@value #STRIDE} ints from {@code s * STRIDE}. A slot is reused for the next block once the
 * history forgets this one.
 *
 * <pre>
 *   int   0    1      2           3        4     5         6            7           8           9
 *       +----+------+-----------+--------+-----+---------+------------+-----------+-----------+-----------+
 *       | id | from | requested | usable | tag | allocOp | allocIndex | allocSize | allocStep | allocLine |
 *       +----+------+-----------+--------+-----+---------+------------+-----------+-----------+-----------+
 *   int  10        11           12          13          14          15
 *       +---------+------------+-----------+-----------+-----------+--------+
 *       | freedOp | freedIndex | freedSize | freedStep | freedLine | unused |     16 ints: 64 bytes, a cache line
 *       +---------+------------+-----------+-----------+-----------+--------+
 *   an op is 1 + HeapEvent.Operation.ordinal(); freedOp is NO_OP (0) while the block is live
 * </pre>
 *
 * <p>Why ints and not an object per block: the checked heap's happy path touches a block's facts on
 * every alloc and free. As objects, every block would be a reference the block table, the quarantine
 * and the history store (each store passing the garbage collector's write barrier) and an object read
 * through it. As rows, the table, the quarantine and the history hold slot numbers, the replay loop
 * stores no references and allocates nothing, and a block's facts sit in one cache line.
 *
 * <p>A {@link Site} is an object, so it is kept beside the rows, in an array made the first time a
 * site is stored. A trace replay never stores one: its site is the trace line, an {@code int} in the
 * row ({@link #record} turns it into a {@code Site}).
 */
final class BlockSlots {
    /** "No slot": what a lookup answers when there is no block. */
    static final int NONE = -1;
    /** The op of a block that is not freed. */
    private static final int NO_OP = 0;
    private static final HeapEvent.Operation[] OPERATIONS = HeapEvent.Operation.values();

    // the fields of a row (see the picture in the class comment)
    private static final int ID = 0;
    private static final int FROM = 1;
    private static final int REQUESTED = 2;
    private static final int USABLE = 3;
    private static final int TAG = 4;
    private static final int ALLOCATED = 5;
    private static final int FREED = 10;
    // the five ints of an event, from ALLOCATED or FREED
    private static final int OP = 0;
    private static final int INDEX = 1;
    private static final int SIZE = 2;
    private static final int STEP = 3;
    private static final int LINE = 4;

    /** Ints per row: a power of two, so a row starts at {@code s << SHIFT}. */
    static final int STRIDE = 16;
    private static final int SHIFT = 4;
    /**
     * The most slots there can be: the block table keeps {@code (slot + 1) << TAG_BITS} in an
     * {@code int}, and the rows must fit in one array.
     */
    static final int MAX_SLOTS = (Integer.MAX_VALUE >>> SHIFT) - 1;

    private int[] rows;
    private int count;
    /** The sites set with {@code at(...)}, by slot: null until one is stored. */
    private Site[] allocatedSites;
    private Site[] freedSites;

    /** Room for {@code expected} slots now, so that they are not made (by copying) while the program runs. */
    BlockSlots(int expected) {
        rows = new int[Math.max(1, Math.min(expected, MAX_SLOTS)) << SHIFT];
    }

    /** How many slots have been made. */
    int count() {
        return count;
    }

    /** A new slot, never used; its row is all zeros. */
    int make() {
        if (count == MAX_SLOTS) {
            throw new IllegalStateException("the checked heap holds " + MAX_SLOTS + " blocks at once (live, in "
                    + "quarantine and in the history), the most it can: build it with a smaller historyBlocks");
        }
        int s = count++;
        if ((s << SHIFT) >= rows.length) {
            rows = Arrays.copyOf(rows, (int) Math.min((long) MAX_SLOTS << SHIFT, (long) rows.length * 2));
        }
        return s;
    }

    /** Starts a row for a new block (the slot may be reused: every field is written here or by {@link #allocated}). */
    void start(int s, int id, int from, int requestedSize, int usableSize, int tag) {
        int at = s << SHIFT;
        int[] r = rows;
        r[at + ID] = id;
        r[at + FROM] = from;
        r[at + REQUESTED] = requestedSize;
        r[at + USABLE] = usableSize;
        r[at + TAG] = tag;
    }

    int id(int s) {
        return rows[(s << SHIFT) + ID];
    }

    int from(int s) {
        return rows[(s << SHIFT) + FROM];
    }

    int requestedSize(int s) {
        return rows[(s << SHIFT) + REQUESTED];
    }

    int usableSize(int s) {
        return rows[(s << SHIFT) + USABLE];
    }

    int tag(int s) {
        return rows[(s << SHIFT) + TAG];
    }

    /** A block resized in place keeps its slot, address and tag; only its sizes change. */
    void resize(int s, int requestedSize, int usableSize) {
        int at = s << SHIFT;
        rows[at + REQUESTED] = requestedSize;
        rows[at + USABLE] = usableSize;
    }

    /** One past the payload's last byte. */
    int to(int s) {
        return from(s) + requestedSize(s);
    }

    /** One past the last byte that belongs to the block (payload or padding). */
    int spanEnd(int s) {
        int at = s << SHIFT;
        return rows[at + FROM] + Math.max(rows[at + REQUESTED], rows[at + USABLE]);
    }

    boolean isFreed(int s) {
        return rows[(s << SHIFT) + FREED + OP] != NO_OP;
    }

    /**
     * The call that created the block ({@code site} null: a trace replay's, whose site is {@code line}). Marks
     * the block as not freed.
     */
    void allocated(int s, HeapEvent.Operation op, int index, int size, int step, Site site, int line) {
        event(s, ALLOCATED, op, index, size, step, line);
        rows[(s << SHIFT) + FREED + OP] = NO_OP;
        if (site != null || allocatedSites != null) {
            allocatedSites = store(allocatedSites, s, site);
        }
    }

    /** The call that freed the block (as in {@link #allocated}). */
    void freed(int s, HeapEvent.Operation op, int index, int size, int step, Site site, int line) {
        event(s, FREED, op, index, size, step, line);
        if (site != null || freedSites != null) {
            freedSites = store(freedSites, s, site);
        }
    }

    private void event(int s, int field, HeapEvent.Operation op, int index, int size, int step, int line) {
        int at = (s << SHIFT) + field;
        int[] r = rows;
        r[at + OP] = 1 + op.ordinal();
        r[at + INDEX] = index;
        r[at + SIZE] = size;
        r[at + STEP] = step;
        r[at + LINE] = line;
    }

    private Site[] store(Site[] sites, int s, Site site) {
        Site[] into = sites;
        if (into == null || s >= into.length) {
            into = into == null ? new Site[rows.length >>> SHIFT] : Arrays.copyOf(into, rows.length >>> SHIFT);
        }
        into[s] = site;
        return into;
    }

    /** The public value: what the block in slot {@code s} is now. */
    BlockRecord record(int s) {
        int at = s << SHIFT;
        int[] r = rows;
        HeapEvent allocated = event(r, at + ALLOCATED, site(allocatedSites, s));
        HeapEvent freed = r[at + FREED + OP] == NO_OP ? null : event(r, at + FREED, site(freedSites, s));
        return new BlockRecord(r[at + ID], r[at + FROM], r[at + REQUESTED], r[at + USABLE], r[at + TAG], allocated,
                freed);
    }

    private static HeapEvent event(int[] r, int at, Site site) {
        return new HeapEvent(OPERATIONS[r[at + OP] - 1], r[at + INDEX], r[at + SIZE], r[at + STEP],
                site != null ? site : Site.traceLine(r[at + LINE]));
    }

    private static Site site(Site[] sites, int s) {
        return sites == null || s >= sites.length ? null : sites[s];
    }
}
