package dev.alloclab.core.check;

import java.util.Collection;

/**
 * A small text map of the heap around the payload a {@link ValidationFailure} is about: what the
 * validator knows (live payloads), the payload in question, and where the two collide.
 *
 * <pre>
 *   heap bytes [96, 200), 1 byte per cell
 *   |aaaaaaaaaaaaaaaa........######XXXXaaaa....|
 *    ^96                     ^120      ^130
 *   a live payload  # this payload  X both  . not a live payload  ~ past the heap's end  ! this payload past the heap's end
 * </pre>
 */
final class ValidationPicture {
    /** Bytes shown on each side of the payload in question. */
    static final int MARGIN = 32;
    /** The most cells a picture line has; wider windows draw several bytes per cell. */
    static final int MAX_CELLS = 96;

    private ValidationPicture() {
    }

    /**
     * Draws {@code [from, to)} in the context of the live payloads {@code live} (each a
     * {@code {from, to}} pair), clipped to {@code [0, heapEnd)} plus the payload itself.
     */
    static String around(int from, int to, Collection<int[]> live, int heapEnd) {
        long windowFrom = Math.max(0L, Math.min(from, (long) heapEnd) - MARGIN);
        long windowTo = Math.max(Math.min((long) to + MARGIN, Math.max(heapEnd, to)), windowFrom + 1);
        if (from < 0) {
            windowFrom = from;
        }
        long width = windowTo - windowFrom;
        long perCell = Math.max(1, (width + MAX_CELLS - 1) / MAX_CELLS);
        int cells = (int) ((width + perCell - 1) / perCell);
        StringBuilder map = new StringBuilder("|");
        for (int c = 0; c < cells; c++) {
            long cellFrom = windowFrom + c * perCell;
            long cellTo = Math.min(cellFrom + perCell, windowTo);
            boolean mine = cellFrom < to && from < cellTo;
            boolean other = false;
            for (int[] block : live) {
                if (cellFrom < block[1] && block[0] < cellTo && !(block[0] == from && block[1] == to)) {
                    other = true;
                    break;
                }
            }
            boolean outside = cellFrom < 0 || cellTo > heapEnd;
            map.append(mine && other ? 'X' : mine && outside ? '!' : mine ? '#' : other ? 'a' : outside ? '~' : '.');
        }
        map.append('|');
        StringBuilder labels = new StringBuilder();
        placeLabel(labels, windowFrom, windowFrom, perCell, cells);
        placeLabel(labels, from, windowFrom, perCell, cells);
        placeLabel(labels, to, windowFrom, perCell, cells);
        return "heap bytes [" + windowFrom + ", " + windowTo + "), " + perCell + (perCell == 1 ? " byte" : " bytes")
                + " per cell (heap end: " + heapEnd + ")\n"
                + map + "\n"
                + labels + "\n"
                + "a live payload  # this payload  X both  . not a live payload  ~ past the heap's end"
                + "  ! this payload past the heap's end\n";
    }

    /**
     * Writes {@code ^index} under the cell that holds {@code index} (column 0 is the map's opening bar), or
     * just after the previous label when two are too close to both sit under their cells.
     */
    private static void placeLabel(StringBuilder labels, long index, long windowFrom, long perCell, int cells) {
        long cell = (index - windowFrom) / perCell + 1;
        if (cell < 1 || cell > cells + 1) {
            return;
        }
        int column = labels.length() == 0 ? (int) cell : Math.max((int) cell, labels.length() + 1);
        labels.append(" ".repeat(column - labels.length())).append('^').append(index);
    }
}
