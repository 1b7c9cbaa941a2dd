package dev.alloclab.core.alloc.sim;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Where {@link FreeListSimulator#free(int)} puts a freed chunk in the free list.
 *
 * <p>The sorted orders are kept the lazy way OSTEP's simulator keeps them: the freed chunk is
 * appended and the <em>whole</em> list is then sorted with a stable sort (entries with equal keys
 * keep their relative order). Between two frees, splitting may leave a size-sorted list out of
 * order, because a split shrinks an entry in place; the next free sorts it again.
 */
public enum ListOrder {
    /** Sorted by address, lowest first. The only order in which coalescing finds every neighbour. */
    ADDRESS("ADDRSORT"),
    /** Sorted by size, smallest first (stable: equal sizes keep their order). */
    SIZE_ASCENDING("SIZESORT+"),
    /** Sorted by size, largest first (stable: equal sizes keep their order). */
    SIZE_DESCENDING("SIZESORT-"),
    /** A freed chunk goes to the head of the list (LIFO). */
    INSERT_FRONT("INSERT-FRONT"),
    /** A freed chunk goes to the tail of the list (FIFO). */
    INSERT_BACK("INSERT-BACK");

    private final String ostepName;

    ListOrder(String ostepName) {
        this.ostepName = ostepName;
    }

    /** The spelling of OSTEP's simulator ({@code -l} option): {@code ADDRSORT}, {@code SIZESORT+}, ... */
    public String ostepName() {
        return ostepName;
    }

    /** The kit's spelling: {@code address}, {@code size-ascending}, {@code insert-front}, ... */
    public String kitName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * Reads an order as the kit spells it ({@code size-ascending}) or as OSTEP does
     * ({@code SIZESORT+}); case does not matter.
     *
     * @throws IllegalArgumentException with the accepted spellings when {@code text} names no order
     */
    public static ListOrder parse(String text) {
        String key = text == null ? "" : text.trim();
        for (ListOrder order : values()) {
            if (order.kitName().equalsIgnoreCase(key) || order.name().equalsIgnoreCase(key)
                    || order.ostepName.equalsIgnoreCase(key)) {
                return order;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a free-list order. Use one of: "
                + Arrays.stream(values()).map(o -> o.kitName() + " (" + o.ostepName + ")")
                        .collect(Collectors.joining(", ")) + ".");
    }
}
