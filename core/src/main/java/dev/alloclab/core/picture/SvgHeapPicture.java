package dev.alloclab.core.picture;

import dev.alloclab.core.alloc.HeapRegion;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.LongToDoubleFunction;

/**
 * Draws a heap as an SVG picture: one horizontal bar of {@code heap_bytes}, each region coloured by
 * what it holds, so a learner sees at a glance where headers, payloads, padding and free space lie.
 *
 * <pre>
 *        index 76 (highlighted)
 *             v
 *   +----+----------+--+------------+----+-------------------+
 *   | h  | live     |p | quarantined| h  | free              |   h header/footer  p padding
 *   +----+----------+--+------------+----+-------------------+
 *   0    8          28 32           56   64                 128   (a scale in bytes below)
 *        \______________ free-list link ____________/              (arcs above the bar)
 * </pre>
 *
 * <p>The picture is drawn from {@link HeapRegion}s alone (what {@code Allocator.regions()} or the
 * checked heap reports), so it works for any allocator. Free-list links are optional: an
 * allocator that knows its list passes them with {@link #link(int, int)} and each is drawn as an
 * arrow from one free block to the next. The output is deterministic (same regions, same bytes),
 * which lets the build check that the pictures in {@code docs/} are up to date.
 *
 * <pre>{@code
 * String svg = SvgHeapPicture.of(allocator.regions()).highlight(76).title("after dealloc(64)").render();
 * }</pre>
 */
public final class SvgHeapPicture {
    /** Width of the whole picture in pixels. */
    static final int WIDTH = 760;
    /** Regions narrower than this many pixels get no outline (see {@link #drawRegions}). */
    static final double MIN_OUTLINED_WIDTH = 4.0;
    /**
     * Freed (quarantined) blocks are hatched as well as coloured, wherever they are at least this many pixels wide:
     * their light red and the live payload's green have about the same lightness, which a red-green colour-blind
     * reader (one man in twelve) cannot tell apart, and a block too narrow for its "freed" label had nothing else.
     */
    static final double MIN_HATCHED_WIDTH = 3.0;
    /** Pixels between two hatch lines, measured along the bar. */
    private static final int HATCH_SPACING = 6;
    /** Neighbouring regions under a pixel wide are drawn as one rectangle up to this many pixels wide. */
    static final double CLUSTER_WIDTH = 2.0;
    /** Regions (or clusters of them) narrower than this many pixels are not drawn: the picture prints 0.0. */
    static final double INVISIBLE_WIDTH = 0.05;
    /** Ticks of the scale closer than this many pixels to the one before are left out (the heap's end never is). */
    static final double MIN_TICK_SPACE = 2.0;
    /** A picture of more regions than this describes them (its {@code <desc>}) by kind, not one by one. */
    static final int DESCRIBED_REGIONS = 64;
    /** A bold character of the 12-px monospace font, in pixels (wide enough for the usual fonts). */
    private static final double BOLD_CHAR_WIDTH = 7.6;
    static final int MARGIN = 20;
    static final int BAR_TOP = 70;
    static final int BAR_HEIGHT = 44;
    /**
     * A highlighted block (or access) drawn narrower than this on the bar gets a zoomed-in bar of its own below the
     * scale: in a heap of megabytes a 16-byte block is a fraction of a pixel, and the arrow alone cannot show which
     * bytes it points at, nor the header or neighbour an overflow ran into.
     */
    static final double ZOOM_BELOW_WIDTH = 24.0;
    /** How many neighbouring regions the zoomed bar shows on each side of the highlighted one, at most. */
    static final int ZOOM_NEIGHBOURS = 2;
    /** The zoomed bar shows at least this many bytes on each side of the highlighted block (or access). */
    static final int ZOOM_MIN_CONTEXT = 32;
    /** An access at least this far past the heap's end (and further than the heap is long) is not drawn to scale. */
    static final int FAR_ACCESS_BYTES = 64;
    /** The vertical room the zoomed bar, its caption and its labels take. */
    static final int ZOOM_ROOM = 112;
    static final int ZOOM_BAR_HEIGHT = 36;
    /** Width of one character of the 12-pixel monospace font the labels use, rounded up (pixels). */
    static final double LABEL_CHAR_WIDTH = 7.5;
    /** Room kept between two tick labels (pixels), so that "28" and "32" read as two numbers. */
    static final double LABEL_SPACE = 6;

    private final List<HeapRegion> regions;
    private final List<Link> links = new ArrayList<>();
    private Integer highlight;
    private String title = "";
    private int scaleEnd;
    private int highlightLength;

    /** A free-list link: the free block starting at {@code from} points at the one starting at {@code to}. */
    public record Link(int from, int to) {
    }

    private SvgHeapPicture(List<HeapRegion> regions) {
        this.regions = List.copyOf(regions);
        for (int i = 1; i < this.regions.size(); i++) {
            if (this.regions.get(i).from() < this.regions.get(i - 1).to()) {
                throw new IllegalArgumentException("regions must be in address order without overlap, but "
                        + this.regions.get(i - 1) + " is followed by " + this.regions.get(i));
            }
        }
    }

    /** A picture of {@code regions}, which must be in address order (gaps are drawn as unknown bytes). */
    public static SvgHeapPicture of(List<HeapRegion> regions) {
        if (regions == null) {
            throw new IllegalArgumentException("regions must not be null; pass an empty list for an empty heap");
        }
        for (int i = 0; i < regions.size(); i++) {
            if (regions.get(i) == null) { // List.of(...).contains(null) would throw instead of answering
                throw new IllegalArgumentException("region " + i + " of " + regions.size()
                        + " is null: every region of the picture must be a HeapRegion");
            }
        }
        return new SvgHeapPicture(regions);
    }

    /** Marks heap index {@code index} with an arrow: the index a report or a lesson is about. */
    public SvgHeapPicture highlight(int index) {
        if (index < 0) {
            throw new IllegalArgumentException("highlight(" + index + "): a heap index is >= 0");
        }
        this.highlight = index;
        return this;
    }

    /**
     * Marks the {@code length} bytes from {@code index} (the range a faulting access touched) with a red bracket
     * above the bar, besides the arrow at {@code index}: an overflow's bytes past the block are then seen, where the
     * arrow alone pointed at the start of a healthy block.
     */
    public SvgHeapPicture highlight(int index, int length) {
        highlight(index);
        if (length < 0) {
            throw new IllegalArgumentException("highlight(" + index + ", " + length + "): a length is >= 0");
        }
        this.highlightLength = length;
        return this;
    }

    /** Draws a free-list link from the block at {@code from} to the block at {@code to}. */
    public SvgHeapPicture link(int from, int to) {
        if (from < 0 || to < 0) {
            throw new IllegalArgumentException("link(" + from + ", " + to + "): a link joins two blocks' heap indexes,"
                    + " which are >= 0 (a list's end, NULL, is drawn by leaving the link out)");
        }
        links.add(new Link(from, to));
        return this;
    }

    /** Draws every link in {@code freeListLinks}. */
    public SvgHeapPicture links(List<Link> freeListLinks) {
        if (freeListLinks == null) {
            throw new IllegalArgumentException("links must not be null; pass an empty list to draw no links");
        }
        for (Link link : freeListLinks) {
            if (link == null) {
                throw new IllegalArgumentException("links must not hold null: every link joins two blocks");
            }
            link(link.from(), link.to());
        }
        return this;
    }

    /** A caption above the bar, e.g. the operation that produced this heap. */
    public SvgHeapPicture title(String caption) {
        this.title = caption == null ? "" : caption;
        return this;
    }

    /**
     * Draws the bar to at least {@code heapBytes} bytes, the part past this heap's end dashed: every picture of a
     * step-through at one scale, so a growing heap is seen to grow (drawn each at its own size, the old blocks seemed
     * to shrink by half whenever the heap doubled).
     */
    public SvgHeapPicture scaleTo(int heapBytes) {
        if (heapBytes < 0) {
            throw new IllegalArgumentException("scaleTo(" + heapBytes + "): a heap size is >= 0");
        }
        this.scaleEnd = heapBytes;
        return this;
    }

    /**
     * The heap's end as drawn and labelled: the last region's end (at least 8 bytes), and past the highlight unless
     * the highlight is {@linkplain #accessFarPastTheEnd() far past it}.
     */
    int heapEnd() {
        int end = regions.isEmpty() ? 0 : regions.get(regions.size() - 1).to();
        if (highlight != null && !accessFarPastTheEnd()) {
            end = (int) Math.min(Integer.MAX_VALUE, Math.max(end, (long) highlight + Math.max(1, highlightLength)));
        }
        return Math.max(end, 8);
    }

    /**
     * True when the highlighted access lies further past the heap (or the common scale) than the heap is long, and
     * at least {@value #FAR_ACCESS_BYTES} bytes: drawn to scale, a 16-byte heap written 16 MB past its end shrank to
     * a sliver of a bar labelled "heap of 16777228 bytes". The bar then ends with the heap, and the arrow stands at
     * its end with how far past it the access was.
     */
    boolean accessFarPastTheEnd() {
        if (highlight == null) {
            return false;
        }
        long end = Math.max(8, Math.max(regions.isEmpty() ? 0 : regions.get(regions.size() - 1).to(), scaleEnd));
        return highlight - end > Math.max(FAR_ACCESS_BYTES, end);
    }

    /** The end of the bar: the heap's end, or the common scale's when that is larger. */
    int barEnd() {
        return Math.max(heapEnd(), scaleEnd);
    }

    double x(int index) {
        return MARGIN + (double) index * (WIDTH - 2 * MARGIN) / barEnd();
    }

    /**
     * The bytes the zoomed bar shows, {@code [from, to)}, or empty when the highlighted block is wide enough on the
     * bar (or nothing is highlighted). The window holds the highlighted region and the access, then up to
     * {@value #ZOOM_NEIGHBOURS} whole regions on each side, but on each side no more bytes than the highlighted part
     * is long (at least {@value #ZOOM_MIN_CONTEXT}), so that the highlighted block fills a good part of the zoom
     * even between two free megabytes.
     */
    Optional<int[]> zoomWindow() {
        if (highlight == null || accessFarPastTheEnd()) {
            return Optional.empty(); // a zoom far past the heap holds nothing but the access
        }
        long focusFrom = highlight;
        long focusTo = (long) highlight + Math.max(1, highlightLength);
        OptionalInt at = kindAt(highlight);
        if (at.isPresent()) {
            focusFrom = Math.min(focusFrom, regions.get(at.getAsInt()).from());
            focusTo = Math.max(focusTo, regions.get(at.getAsInt()).to());
        }
        if (x((int) Math.min(Integer.MAX_VALUE, focusTo)) - x((int) focusFrom) >= ZOOM_BELOW_WIDTH) {
            return Optional.empty();
        }
        long context = Math.max(ZOOM_MIN_CONTEXT, focusTo - focusFrom);
        long from = focusFrom;
        long to = focusTo;
        int before = 0;
        int after = 0;
        for (int i = regions.size() - 1; i >= 0 && before < ZOOM_NEIGHBOURS; i--) {
            if (regions.get(i).to() <= focusFrom && regions.get(i).length() > 0) {
                from = Math.max(focusFrom - context, regions.get(i).from());
                before++;
            }
        }
        for (int i = 0; i < regions.size() && after < ZOOM_NEIGHBOURS; i++) {
            if (regions.get(i).from() >= focusTo && regions.get(i).length() > 0) {
                to = Math.min(focusTo + context, regions.get(i).to());
                after++;
            }
        }
        from = Math.max(0, Math.min(from, focusFrom - Math.min(context, focusFrom) / 4));
        to = Math.min(Integer.MAX_VALUE, Math.max(to, focusTo + context / 4));
        return Optional.of(new int[] {(int) from, (int) to});
    }

    /** The SVG document (UTF-8 text, starting with {@code <svg}). */
    public String render() {
        Optional<int[]> zoom = zoomWindow();
        int height = BAR_TOP + BAR_HEIGHT + 110 + (zoom.isPresent() ? ZOOM_ROOM : 0);
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"")
                .append(height).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
                .append("\" role=\"img\" font-family=\"monospace\" font-size=\"12\">\n");
        svg.append("<title>").append(SvgText.escape(title.isEmpty() ? "heap picture" : title)).append("</title>\n");
        svg.append("<desc>").append(SvgText.escape(describe())).append("</desc>\n");
        if (!links.isEmpty()) {
            // only where an arrow uses it: a page of several inline pictures (the step-through) must not repeat the id
            svg.append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" "
                    + "markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#1565c0\"/>"
                    + "</marker></defs>\n");
        }
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
        if (!title.isEmpty()) {
            svg.append("<text x=\"").append(MARGIN).append("\" y=\"18\" font-size=\"14\" font-weight=\"bold\">")
                    .append(SvgText.escape(title)).append("</text>\n");
        }
        drawRegions(svg);
        drawLinks(svg);
        drawScale(svg);
        drawHighlight(svg);
        zoom.ifPresent(window -> drawZoom(svg, window[0], window[1]));
        drawLegend(svg, BAR_TOP + BAR_HEIGHT + 78 + (zoom.isPresent() ? ZOOM_ROOM : 0));
        svg.append("</svg>\n");
        return svg.toString();
    }

    private String describe() {
        StringBuilder text = new StringBuilder("heap of ").append(heapEnd()).append(" bytes:");
        if (regions.size() > DESCRIBED_REGIONS) {
            // a screen reader reading 5,000 regions helps nobody, and each step of a page repeated them all
            long[] bytes = new long[HeapRegion.Kind.values().length];
            int[] count = new int[bytes.length];
            regions.forEach(r -> {
                bytes[r.kind().ordinal()] += r.length();
                count[r.kind().ordinal()]++;
            });
            text.append(' ').append(regions.size()).append(" regions;");
            for (HeapRegion.Kind kind : HeapRegion.Kind.values()) {
                if (count[kind.ordinal()] > 0) {
                    text.append(' ').append(Palette.of(kind).legend).append(": ").append(count[kind.ordinal()])
                            .append(" regions, ").append(bytes[kind.ordinal()]).append(" bytes;");
                }
            }
        } else {
            for (HeapRegion region : regions) {
                text.append(' ').append(region).append(';');
            }
        }
        if (highlight != null) {
            text.append(" highlighted index ").append(highlight);
            if (accessFarPastTheEnd()) {
                text.append(", ").append((long) highlight - heapEnd()).append(" bytes past the heap's end (not to scale)");
            }
        }
        zoomWindow().ifPresent(window -> text.append("; zoomed in on bytes ").append(window[0]).append(" to ")
                .append(window[1]));
        return text.toString();
    }

    private void drawRegions(StringBuilder svg) {
        svg.append("<g class=\"regions\" stroke=\"#263238\" stroke-width=\"1\">\n");
        svg.append("<rect x=\"").append(f(x(0))).append("\" y=\"").append(BAR_TOP).append("\" width=\"")
                .append(f(x(barEnd()) - x(0))).append("\" height=\"").append(BAR_HEIGHT)
                .append("\" fill=\"#fafafa\" stroke-dasharray=\"3 3\"/>\n");
        for (int i = 0; i < regions.size(); i++) {
            HeapRegion region = regions.get(i);
            if (region.length() == 0) {
                continue;
            }
            double width = x(region.to()) - x(region.from());
            if (width < 1) {
                int end = clusterEnd(i);
                if (x(regions.get(end - 1).to()) - x(region.from()) < INVISIBLE_WIDTH) {
                    // a header between two big blocks of a heap of megabytes: drawn 0.0 px wide, it only weighed
                    i = end - 1;
                    continue;
                }
                if (regions.subList(i, end).stream().filter(r -> r.length() > 0).count() > 1) {
                    drawCluster(svg, i, end);
                    i = end - 1;
                    continue;
                }
            }
            appendRegion(svg, region, x(region.from()), x(region.to()), BAR_TOP, BAR_HEIGHT);
        }
        svg.append("</g>\n");
    }

    /**
     * One region's rectangle from {@code a} to {@code b} pixels on a bar whose top is {@code top}, coloured by its
     * kind, with its short label when the label fits: the main bar and the zoomed one draw regions alike.
     */
    private static void appendRegion(StringBuilder svg, HeapRegion region, double a, double b, int top, int height) {
        Palette colour = Palette.of(region.kind());
        double width = b - a;
        svg.append("<rect class=\"").append(region.kind().name().toLowerCase(Locale.ROOT))
                .append("\" x=\"").append(f(a)).append("\" y=\"").append(top)
                .append("\" width=\"").append(f(width)).append("\" height=\"")
                .append(height).append("\" fill=\"").append(colour.fill)
                // an outline is 1 px whatever the block: on a block a few pixels wide it would paint more than
                // the block's own colour, and a heap of thousands of such blocks would look like all outline
                .append(width < MIN_OUTLINED_WIDTH ? "\" stroke=\"none\">" : "\">")
                .append("<title>").append(SvgText.escape(region + ", " + region.length() + " bytes"))
                .append("</title></rect>\n");
        if (region.kind() == HeapRegion.Kind.QUARANTINED && width >= MIN_HATCHED_WIDTH) {
            appendHatch(svg, a, b, top, height);
        }
        if (width >= 8 * colour.shortLabel.length() + 6) {
            svg.append("<text x=\"").append(f((a + b) / 2)).append("\" y=\"").append(top + height / 2 + 4)
                    .append("\" text-anchor=\"middle\" stroke=\"none\" fill=\"").append(colour.text).append("\">")
                    .append(colour.shortLabel).append("</text>\n");
        }
    }

    /**
     * Diagonal lines over the rectangle from {@code a} to {@code b} pixels (see {@link #MIN_HATCHED_WIDTH}), computed
     * inside it rather than drawn through an SVG pattern: a pattern is found by its id, and a step-through page holds
     * many pictures, most of them hidden, where a reference into a hidden picture draws nothing. The lines sit on one
     * grid for the whole bar, so two freed blocks side by side hatch as one.
     */
    private static void appendHatch(StringBuilder svg, double a, double b, int top, int height) {
        StringBuilder d = new StringBuilder();
        int bottom = top + height;
        // each line is x + y = c, rising to the right; c runs over multiples of the spacing that cross the rectangle
        for (long c = (long) Math.ceil((a + top) / HATCH_SPACING) * HATCH_SPACING; c < b + bottom; c += HATCH_SPACING) {
            double x1 = Math.max(a, c - bottom);
            double x2 = Math.min(b, c - top);
            if (x2 - x1 > 0.05) {
                d.append(d.isEmpty() ? "M" : " M").append(f(x1)).append(',').append(f(c - x1)).append(" L")
                        .append(f(x2)).append(',').append(f(c - x2));
            }
        }
        if (!d.isEmpty()) {
            svg.append("<path class=\"hatch\" d=\"").append(d).append("\" fill=\"none\" stroke=\"")
                    .append(HATCH_COLOUR).append("\" stroke-opacity=\"0.45\" stroke-width=\"1\" pointer-events=\"none\"/>\n");
        }
    }

    /** The hatch's colour: the freed blocks' red, darker; drawn half transparent, so the "freed" label stays easy to read. */
    private static final String HATCH_COLOUR = "#c62828";

    /**
     * Where a <em>cluster</em> starting at region {@code first} ends (exclusive): the regions after it that touch it,
     * are each under a pixel wide, and together stay under {@value #CLUSTER_WIDTH} pixels. A heap of megabytes drawn
     * at 720 pixels has thousands of such regions per picture; drawn one by one they made a 500-step page of a
     * Malloc Lab trace weigh 72 MB, for rectangles no eye can tell apart and no pointer can hover.
     */
    int clusterEnd(int first) {
        double start = x(regions.get(first).from());
        int end = first + 1;
        while (end < regions.size()) {
            HeapRegion next = regions.get(end);
            if (next.from() != regions.get(end - 1).to() || x(next.to()) - x(next.from()) >= 1
                    || x(next.to()) - start > CLUSTER_WIDTH) {
                break;
            }
            end++;
        }
        return end;
    }

    /**
     * Regions {@code [first, end)} as one rectangle in the colour of the kind that holds most of their bytes,
     * classed {@code cluster} and that kind, its tooltip counting the regions and the bytes of each kind.
     */
    private void drawCluster(StringBuilder svg, int first, int end) {
        long[] bytes = new long[HeapRegion.Kind.values().length];
        int count = 0;
        for (int i = first; i < end; i++) {
            bytes[regions.get(i).kind().ordinal()] += regions.get(i).length();
            count += regions.get(i).length() > 0 ? 1 : 0;
        }
        HeapRegion.Kind most = HeapRegion.Kind.values()[0];
        for (HeapRegion.Kind kind : HeapRegion.Kind.values()) {
            if (bytes[kind.ordinal()] > bytes[most.ordinal()]) {
                most = kind;
            }
        }
        int from = regions.get(first).from();
        int to = regions.get(end - 1).to();
        StringBuilder tip = new StringBuilder().append(count).append(" regions in [").append(from).append(", ")
                .append(to).append("), each under a pixel wide:");
        String separator = " ";
        for (HeapRegion.Kind kind : HeapRegion.Kind.values()) {
            if (bytes[kind.ordinal()] > 0) {
                tip.append(separator).append(bytes[kind.ordinal()]).append(" bytes ").append(Palette.of(kind).legend);
                separator = ", ";
            }
        }
        svg.append("<rect class=\"cluster ").append(most.name().toLowerCase(Locale.ROOT)).append("\" x=\"")
                .append(f(x(from))).append("\" y=\"").append(BAR_TOP).append("\" width=\"").append(f(x(to) - x(from)))
                .append("\" height=\"").append(BAR_HEIGHT).append("\" fill=\"").append(Palette.of(most).fill)
                .append("\" stroke=\"none\"><title>").append(SvgText.escape(tip.toString())).append("</title></rect>\n");
    }

    private void drawLinks(StringBuilder svg) {
        if (links.isEmpty()) {
            return;
        }
        svg.append("<g class=\"free-list\" fill=\"none\" stroke=\"#1565c0\" stroke-width=\"1.5\">\n");
        for (Link link : links) {
            double from = x(link.from()) + 4;
            double to = x(link.to()) + 4;
            double lift = Math.min(40, 12 + Math.abs(to - from) / 6);
            svg.append("<path d=\"M").append(f(from)).append(',').append(BAR_TOP).append(" C").append(f(from))
                    .append(',').append(f(BAR_TOP - lift)).append(' ').append(f(to)).append(',')
                    .append(f(BAR_TOP - lift)).append(' ').append(f(to)).append(',').append(BAR_TOP)
                    .append("\" marker-end=\"url(#arrow)\"><title>free list: ").append(link.from()).append(" -> ")
                    .append(link.to()).append("</title></path>\n");
        }
        svg.append("</g>\n");
    }

    /** A label of the scale: centred at {@code at}, half as wide as {@code halfWidth} says. */
    private record ScaleLabel(double at, double halfWidth, String text) {
        double end() {
            return at + halfWidth;
        }
    }

    private void drawScale(StringBuilder svg) {
        int axis = BAR_TOP + BAR_HEIGHT;
        svg.append("<g class=\"scale\" stroke=\"#263238\">\n");
        double lastLabelEnd = Double.NEGATIVE_INFINITY;
        double lastTick = Double.NEGATIVE_INFINITY;
        List<ScaleLabel> labels = new ArrayList<>();
        List<Integer> boundaries = boundaries();
        for (int b = 0; b < boundaries.size(); b++) {
            int boundary = boundaries.get(b);
            // the position as printed (one decimal): labels must not overlap where the picture draws them, and a
            // decision on the unrounded 61.25 let a label printed at 61.2 start 0.05 too early
            double at = Double.parseDouble(f(x(boundary)));
            if (at - lastTick < MIN_TICK_SPACE && b != boundaries.size() - 1) {
                continue; // thousands of boundaries within a few pixels would draw one black smudge, and weigh megabytes
            }
            lastTick = at;
            svg.append("<line x1=\"").append(f(at)).append("\" y1=\"").append(axis).append("\" x2=\"").append(f(at))
                    .append("\" y2=\"").append(axis + 6).append("\"/>\n");
            String label = Integer.toString(boundary);
            double halfWidth = label.length() * LABEL_CHAR_WIDTH / 2;
            // kept inside the picture: the heap's end, centred on the bar's end, lost its last digits ("104857")
            double labelAt = Double.parseDouble(f(Math.max(halfWidth, Math.min(WIDTH - halfWidth, at))));
            boolean heapEnd = b == boundaries.size() - 1;
            if (heapEnd) {
                // the heap's end is always labelled: the labels just before it that it would overlap give way (a tiny
                // last block left the label of the boundary before it standing at the bar's end)
                while (!labels.isEmpty() && labelAt - halfWidth < labels.get(labels.size() - 1).end() + LABEL_SPACE) {
                    labels.remove(labels.size() - 1);
                }
                lastLabelEnd = labels.isEmpty() ? Double.NEGATIVE_INFINITY : labels.get(labels.size() - 1).end();
            }
            if (labelAt - halfWidth >= lastLabelEnd + LABEL_SPACE) {
                labels.add(new ScaleLabel(labelAt, halfWidth, label));
                lastLabelEnd = labelAt + halfWidth;
            }
        }
        for (ScaleLabel label : labels) {
            svg.append("<text x=\"").append(f(label.at())).append("\" y=\"").append(axis + 18)
                    .append("\" text-anchor=\"middle\" stroke=\"none\">").append(label.text()).append("</text>\n");
        }
        int step = niceStep(barEnd());
        int scaleY = axis + 38;
        double scaleWidth = x(step) - x(0);
        svg.append("<line x1=\"").append(f(x(0))).append("\" y1=\"").append(scaleY).append("\" x2=\"")
                .append(f(x(0) + scaleWidth)).append("\" y2=\"").append(scaleY).append("\" stroke-width=\"2\"/>\n");
        svg.append("<text x=\"").append(f(x(0) + scaleWidth + 6)).append("\" y=\"").append(scaleY + 4)
                .append("\" stroke=\"none\">").append(sizeText(step))
                .append(" (heap index grows to the right)</text>\n");
        svg.append("</g>\n");
    }

    /** The region boundaries, plus the heap's end, in order and without repeats. */
    List<Integer> boundaries() {
        List<Integer> out = new ArrayList<>();
        for (HeapRegion region : regions) {
            if (out.isEmpty() || out.get(out.size() - 1).intValue() != region.from()) {
                out.add(region.from());
            }
            out.add(region.to());
        }
        if (out.isEmpty() || out.get(out.size() - 1).intValue() != heapEnd()) {
            out.add(heapEnd());
        }
        if (out.get(0).intValue() != 0) {
            out.add(0, 0);
        }
        return out;
    }

    /** A scale bar's length as a reader takes it in: {@code 16 bytes}, {@code 512 KiB}, {@code 2 MiB}. */
    static String sizeText(int bytes) {
        if (bytes >= 1 << 20 && bytes % (1 << 20) == 0) {
            return (bytes >> 20) + " MiB";
        }
        if (bytes >= 1 << 10 && bytes % (1 << 10) == 0) {
            return (bytes >> 10) + " KiB";
        }
        return bytes == 1 ? "1 byte" : bytes + " bytes";
    }

    /** A round length for the scale bar: 1, 2, 4, 8, ... at most an eighth of the heap. */
    static int niceStep(int heapEnd) {
        int step = 1;
        while (step * 16 <= heapEnd) {
            step *= 2;
        }
        return step;
    }

    private void drawHighlight(StringBuilder svg) {
        if (highlight == null) {
            return;
        }
        if (accessFarPastTheEnd()) {
            drawFarAccess(svg);
            return;
        }
        double at = x(highlight) + Math.max(1, x(highlight + 1) - x(highlight)) / 2;
        int tip = BAR_TOP - 2;
        svg.append("<g class=\"highlight\" fill=\"#c62828\">\n");
        if (highlightLength > 1) {
            // the bytes the access touched, at least 2 px wide so that a few bytes of a big heap still show
            double from = x(highlight);
            double width = Math.max(2, x((int) Math.min(Integer.MAX_VALUE, (long) highlight + highlightLength)) - from);
            svg.append("<rect class=\"range\" x=\"").append(f(from)).append("\" y=\"").append(BAR_TOP - 5)
                    .append("\" width=\"").append(f(width)).append("\" height=\"4\"><title>the access: ")
                    .append(highlightLength).append(" bytes from index ").append(highlight).append("</title></rect>\n");
        }
        svg.append("<path d=\"M").append(f(at)).append(',').append(tip).append(" l-6,-10 h12 z\"/>\n");
        StringBuilder label = new StringBuilder("index ").append(highlight);
        kindAt(highlight).ifPresent(i -> label.append(" (").append(
                regions.get(i).kind().name().toLowerCase(Locale.ROOT)).append(')'));
        // the arrow stays on the byte; the label is kept inside the picture ("index 4036 (qua" at the right edge)
        double half = label.length() * BOLD_CHAR_WIDTH / 2;
        double labelAt = Math.max(half + 2, Math.min(WIDTH - half - 2, at));
        svg.append("<text x=\"").append(f(labelAt)).append("\" y=\"").append(tip - 14)
                .append("\" text-anchor=\"middle\" font-weight=\"bold\">").append(label);
        svg.append("</text>\n</g>\n");
    }

    /**
     * An access {@linkplain #accessFarPastTheEnd() far past the heap}: the arrow at the bar's end, pointing on to the
     * right, and a label with the index and how far past the heap's end it is.
     */
    private void drawFarAccess(StringBuilder svg) {
        double end = x(barEnd());
        int tip = BAR_TOP - 2;
        String label = "index " + highlight + ", " + ((long) highlight - heapEnd()) + " bytes past the heap's end \u2192";
        double half = label.length() * BOLD_CHAR_WIDTH / 2;
        double labelAt = Math.max(half + 2, Math.min(WIDTH - half - 2, end));
        svg.append("<g class=\"highlight far\" fill=\"#c62828\">\n");
        svg.append("<path d=\"M").append(f(end)).append(',').append(tip).append(" l-6,-10 h12 z\"><title>the access at index ")
                .append(highlight).append(" lies past the heap's end, far to the right (not drawn to scale)</title></path>\n");
        svg.append("<text x=\"").append(f(labelAt)).append("\" y=\"").append(tip - 14)
                .append("\" text-anchor=\"middle\" font-weight=\"bold\">").append(SvgText.escape(label));
        svg.append("</text>\n</g>\n");
    }

    /**
     * The zoomed bar: bytes {@code [from, to)} drawn across the whole width below the scale, with their regions,
     * boundaries, the arrow and the access's bracket, and a frame on the main bar, joined to the zoom by two lines,
     * that shows where the window lies.
     */
    private void drawZoom(StringBuilder svg, int from, int to) {
        int axis = BAR_TOP + BAR_HEIGHT;
        int top = axis + 86;
        int bottom = top + ZOOM_BAR_HEIGHT;
        double left = MARGIN;
        double right = WIDTH - MARGIN;
        double scale = (right - left) / (to - from);
        LongToDoubleFunction zx = index -> left + (Math.max(from, Math.min(to, index)) - from) * scale;
        double frameFrom = x(from);
        double frameWidth = Math.max(3, x(to) - frameFrom);
        svg.append("<g class=\"zoom\">\n");
        // drawn first and pale: the lines cross the scale's labels, which stay readable on top of them
        svg.append("<path d=\"M").append(f(frameFrom)).append(',').append(axis).append(" L").append(f(left)).append(',')
                .append(top).append(" M").append(f(frameFrom + frameWidth)).append(',').append(axis).append(" L")
                .append(f(right)).append(',').append(top).append("\" fill=\"none\" stroke=\"#b0bec5\" stroke-dasharray=\"4 3\"/>\n");
        svg.append("<rect class=\"zoom-frame\" x=\"").append(f(frameFrom)).append("\" y=\"").append(BAR_TOP - 1)
                .append("\" width=\"").append(f(frameWidth)).append("\" height=\"").append(BAR_HEIGHT + 2)
                .append("\" fill=\"none\" stroke=\"#c62828\" stroke-width=\"1.5\"/>\n");
        svg.append("<text x=\"").append(MARGIN).append("\" y=\"").append(top - 24).append("\" fill=\"#37474f\">")
                .append("zoomed in: bytes ").append(from).append(" to ").append(to).append(" (")
                .append(sizeText(to - from)).append(")</text>\n");
        svg.append("<g stroke=\"#263238\" stroke-width=\"1\">\n");
        List<Integer> cuts = new ArrayList<>();
        cuts.add(from);
        for (HeapRegion region : regions) {
            if (region.to() <= from || region.from() >= to || region.length() == 0) {
                continue;
            }
            appendRegion(svg, region, zx.applyAsDouble(region.from()), zx.applyAsDouble(region.to()), top,
                    ZOOM_BAR_HEIGHT);
            if (region.from() > from) {
                cuts.add(region.from());
            }
            if (region.to() < to) {
                cuts.add(region.to());
            }
        }
        cuts.add(to);
        double lastLabelEnd = Double.NEGATIVE_INFINITY;
        int previous = -1;
        for (int cut : cuts) {
            if (cut == previous) {
                continue;
            }
            previous = cut;
            double at = Double.parseDouble(f(zx.applyAsDouble(cut)));
            svg.append("<line x1=\"").append(f(at)).append("\" y1=\"").append(bottom).append("\" x2=\"").append(f(at))
                    .append("\" y2=\"").append(bottom + 6).append("\"/>\n");
            String label = Integer.toString(cut);
            double halfWidth = label.length() * LABEL_CHAR_WIDTH / 2;
            double labelAt = Math.max(halfWidth, Math.min(WIDTH - halfWidth, at));
            if (labelAt - halfWidth >= lastLabelEnd + LABEL_SPACE) {
                svg.append("<text x=\"").append(f(labelAt)).append("\" y=\"").append(bottom + 18)
                        .append("\" text-anchor=\"middle\" stroke=\"none\">").append(label).append("</text>\n");
                lastLabelEnd = labelAt + halfWidth;
            }
        }
        svg.append("</g>\n");
        double arrowAt = zx.applyAsDouble(highlight) + Math.min(scale, right - zx.applyAsDouble(highlight)) / 2;
        svg.append("<g class=\"zoom-highlight\" fill=\"#c62828\">\n");
        if (highlightLength > 1) {
            double a = zx.applyAsDouble(highlight);
            double b = zx.applyAsDouble((long) highlight + highlightLength);
            svg.append("<rect class=\"range\" x=\"").append(f(a)).append("\" y=\"").append(top - 5).append("\" width=\"")
                    .append(f(Math.max(2, b - a))).append("\" height=\"4\"/>\n");
        }
        svg.append("<path d=\"M").append(f(arrowAt)).append(',').append(top - 2).append(" l-6,-10 h12 z\"/>\n");
        svg.append("</g>\n</g>\n");
    }

    /** The position in {@link #regions} of the region holding {@code index}. */
    OptionalInt kindAt(int index) {
        for (int i = 0; i < regions.size(); i++) {
            if (regions.get(i).from() <= index && index < regions.get(i).to()) {
                return OptionalInt.of(i);
            }
        }
        return OptionalInt.empty();
    }

    private void drawLegend(StringBuilder svg, int y) {
        Set<HeapRegion.Kind> shown = EnumSet.noneOf(HeapRegion.Kind.class);
        regions.forEach(r -> shown.add(r.kind()));
        svg.append("<g class=\"legend\">\n");
        int xAt = MARGIN;
        for (HeapRegion.Kind kind : shown) {
            Palette colour = Palette.of(kind);
            svg.append("<rect x=\"").append(xAt).append("\" y=\"").append(y - 10).append("\" width=\"12\" height=\"12\" fill=\"")
                    .append(colour.fill).append("\" stroke=\"#263238\"/>");
            if (kind == HeapRegion.Kind.QUARANTINED) {
                appendHatch(svg, xAt, xAt + 12, y - 10, 12); // the swatch as the blocks look
            }
            svg.append("<text x=\"").append(xAt + 16).append("\" y=\"").append(y).append("\">").append(colour.legend)
                    .append("</text>\n");
            xAt += 24 + 8 * colour.legend.length();
        }
        if (!links.isEmpty()) {
            svg.append("<text x=\"").append(xAt).append("\" y=\"").append(y)
                    .append("\" fill=\"#1565c0\">arrow: next free block</text>\n");
        }
        svg.append("</g>\n");
    }

    private static String f(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    /** Colours and words per kind of region. */
    enum Palette {
        HEADER("#546e7a", "#ffffff", "h", "header/footer"),
        LIVE("#66bb6a", "#0b3d0f", "live", "live payload"),
        PADDING("#c5e1a5", "#33691e", "pad", "padding"),
        FREE("#eceff1", "#37474f", "free", "free"),
        QUARANTINED("#ef9a9a", "#7f0000", "freed", "freed (quarantined)");

        final String fill;
        final String text;
        final String shortLabel;
        final String legend;

        Palette(String fill, String text, String shortLabel, String legend) {
            this.fill = fill;
            this.text = text;
            this.shortLabel = shortLabel;
            this.legend = legend;
        }

        static Palette of(HeapRegion.Kind kind) {
            return valueOf(kind.name());
        }
    }
}
