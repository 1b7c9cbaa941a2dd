package dev.alloclab.core.picture;

import dev.alloclab.core.Checks;
import dev.alloclab.core.alloc.HeapRegion;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Draws heap regions as a text map for the terminal: one character per byte (or per cell of
 * several bytes on a wide heap), index labels at the region boundaries, an optional marker under
 * one index, and a legend of the symbols used.
 *
 * <pre>
 *         48      56      64                  84
 *   heap  hhhhhhhhaaaaaaaahhhhffffffffffffffffffff........
 *                                     ^ 76 this read
 *         h header  a live  f freed (quarantined)  . free
 * </pre>
 *
 * <pre>{@code
 * String map = TextHeapMap.of(heap.regions()).window(48, 96).marker(76, "this read").render();
 * }</pre>
 *
 * <p>Each region's symbol is {@link HeapRegion.Kind#symbol()}. A window narrows the map to
 * {@code [from, to)}; bytes of the window no region covers are drawn blank. When the window is
 * wider than {@link #cellsPerLine(int)} cells times {@link #maxLines(int)} lines, each cell stands
 * for several bytes (the legend says how many) and shows the kind covering most of them. Labels
 * that would overlap the previous one are left out. Immutable: each step returns a new map.
 */
public final class TextHeapMap {
    private static final String ROW_NAME = "heap  ";
    private static final String INDENT = " ".repeat(ROW_NAME.length());

    private final List<HeapRegion> regions;
    private final long from;
    private final long to;
    private final int cellsPerLine;
    private final int maxLines;
    private final long markerIndex;
    private final String markerLabel;

    private TextHeapMap(List<HeapRegion> regions, long from, long to, int cellsPerLine, int maxLines,
                        long markerIndex, String markerLabel) {
        this.regions = regions;
        this.from = from;
        this.to = to;
        this.cellsPerLine = cellsPerLine;
        this.maxLines = maxLines;
        this.markerIndex = markerIndex;
        this.markerLabel = markerLabel;
    }

    /** A map of {@code regions} (in address order); the window is from the first region's start to the last's end. */
    public static TextHeapMap of(List<HeapRegion> regions) {
        List<HeapRegion> copy = List.copyOf(Checks.notNull(regions, "regions"));
        long from = copy.isEmpty() ? 0 : copy.get(0).from();
        long to = copy.isEmpty() ? 0 : copy.get(copy.size() - 1).to();
        return new TextHeapMap(copy, from, to, 64, 1, Long.MIN_VALUE, null);
    }

    /** Draws only {@code [from, to)}. */
    public TextHeapMap window(int windowFrom, int windowTo) {
        if (windowFrom < 0 || windowTo < windowFrom) {
            throw new IllegalArgumentException("a map window needs 0 <= from <= to, but was [" + windowFrom + ", "
                    + windowTo + ")");
        }
        return new TextHeapMap(regions, windowFrom, windowTo, cellsPerLine, maxLines, markerIndex, markerLabel);
    }

    /** Puts a {@code ^} under the cell holding {@code index}, followed by the index and {@code label}. */
    public TextHeapMap marker(int index, String label) {
        return new TextHeapMap(regions, from, to, cellsPerLine, maxLines, index, label == null ? "" : label);
    }

    /** How many cells one line holds (default 64). */
    public TextHeapMap cellsPerLine(int cells) {
        return new TextHeapMap(regions, from, to, Checks.positive(cells, "cellsPerLine"), maxLines, markerIndex,
                markerLabel);
    }

    /** How many lines the map may wrap over before cells hold several bytes (default 1). */
    public TextHeapMap maxLines(int lines) {
        return new TextHeapMap(regions, from, to, cellsPerLine, Checks.positive(lines, "maxLines"), markerIndex,
                markerLabel);
    }

    /** How many bytes each cell stands for: 1 when the window fits, else the smallest count that makes it fit. */
    public long bytesPerCell() {
        long width = to - from;
        long cells = (long) cellsPerLine * maxLines;
        return Math.max(1, (width + cells - 1) / cells);
    }

    /** The map as text, lines joined with {@code \n}, no trailing newline. */
    public String render() {
        return String.join("\n", lines());
    }

    /** The map's lines: per map line a scale, the cells and (when it falls there) the marker; then the legend. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        if (to <= from) {
            lines.add(ROW_NAME + "(no bytes)");
            return lines;
        }
        long perCell = bytesPerCell();
        char[] cells = drawCells(perCell);
        Set<HeapRegion.Kind> used = EnumSet.noneOf(HeapRegion.Kind.class);
        for (HeapRegion region : regions) {
            if (region.to() > from && region.from() < to && region.length() > 0) {
                used.add(region.kind());
            }
        }
        for (int start = 0; start < cells.length; start += cellsPerLine) {
            int end = Math.min(cells.length, start + cellsPerLine);
            long lineFrom = from + start * perCell;
            long lineTo = Math.min(to, from + end * perCell);
            lines.add(scale(lineFrom, lineTo, perCell));
            lines.add((start == 0 ? ROW_NAME : INDENT) + new String(cells, start, end - start));
            if (markerIndex >= lineFrom && markerIndex < lineTo) {
                int column = (int) ((markerIndex - lineFrom) / perCell);
                lines.add(INDENT + " ".repeat(column) + "^ " + markerIndex
                        + (markerLabel.isEmpty() ? "" : " " + markerLabel));
            }
        }
        lines.add(INDENT + legend(used, perCell));
        return lines;
    }

    private char[] drawCells(long perCell) {
        int count = (int) ((to - from + perCell - 1) / perCell);
        char[] cells = new char[count];
        long[][] bytesOfKind = new long[count][HeapRegion.Kind.values().length];
        for (HeapRegion region : regions) {
            long start = Math.max(region.from(), from);
            long end = Math.min(region.to(), to);
            while (start < end) {
                int cell = (int) ((start - from) / perCell);
                long cellEnd = Math.min(end, from + (cell + 1) * perCell);
                bytesOfKind[cell][region.kind().ordinal()] += cellEnd - start;
                start = cellEnd;
            }
        }
        for (int cell = 0; cell < count; cell++) {
            long most = 0;
            char symbol = ' ';
            for (HeapRegion.Kind kind : HeapRegion.Kind.values()) {
                if (bytesOfKind[cell][kind.ordinal()] > most) {
                    most = bytesOfKind[cell][kind.ordinal()];
                    symbol = kind.symbol();
                }
            }
            cells[cell] = symbol;
        }
        return cells;
    }

    /** Index labels over the cells: the line's start, then each region boundary that has room. */
    private String scale(long lineFrom, long lineTo, long perCell) {
        StringBuilder scale = new StringBuilder(INDENT);
        List<Long> boundaries = new ArrayList<>();
        boundaries.add(lineFrom);
        for (HeapRegion region : regions) {
            for (long boundary : new long[] {region.from(), region.to()}) {
                if (boundary > lineFrom && boundary <= lineTo) {
                    boundaries.add(boundary);
                }
            }
        }
        long lastPlaced = Long.MIN_VALUE;
        for (long boundary : boundaries) {
            if (boundary <= lastPlaced) {
                continue;
            }
            int column = INDENT.length() + (int) ((boundary - lineFrom + perCell - 1) / perCell);
            if (column < scale.length() + (scale.length() > INDENT.length() ? 1 : 0)) {
                continue;
            }
            scale.append(" ".repeat(column - scale.length())).append(boundary);
            lastPlaced = boundary;
        }
        return scale.toString().stripTrailing();
    }

    private static String legend(Set<HeapRegion.Kind> used, long perCell) {
        List<String> entries = new ArrayList<>();
        for (HeapRegion.Kind kind : used) {
            entries.add(kind.symbol() + " " + describe(kind));
        }
        if (perCell > 1) {
            entries.add("(1 cell = " + perCell + " bytes)");
        }
        return String.join("  ", entries);
    }

    private static String describe(HeapRegion.Kind kind) {
        return switch (kind) {
            case HEADER -> "header";
            case LIVE -> "live";
            case PADDING -> "padding";
            case FREE -> "free";
            case QUARANTINED -> "freed (quarantined)";
        };
    }
}
