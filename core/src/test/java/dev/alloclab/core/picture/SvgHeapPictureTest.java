package dev.alloclab.core.picture;

import static dev.alloclab.core.picture.SvgAssertions.number;
import static dev.alloclab.core.picture.SvgAssertions.parse;
import static dev.alloclab.core.picture.SvgAssertions.select;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alloclab.core.alloc.HeapRegion;
import dev.alloclab.core.alloc.HeapRegion.Kind;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class SvgHeapPictureTest {
    private static final List<HeapRegion> TWO_BLOCKS = List.of(
            new HeapRegion(0, 8, Kind.HEADER), new HeapRegion(8, 28, Kind.LIVE), new HeapRegion(28, 32, Kind.PADDING),
            new HeapRegion(32, 40, Kind.HEADER), new HeapRegion(40, 64, Kind.QUARANTINED),
            new HeapRegion(64, 128, Kind.FREE));

    @Test
    void each_region_becomes_a_rectangle_coloured_by_its_kind() {
        // GIVEN a heap with a header, a live payload, padding, a quarantined block and free space
        // WHEN it is drawn
        Document svg = parse(SvgHeapPicture.of(TWO_BLOCKS).render());
        // THEN every region is one rectangle, classed by kind, and same kinds share a colour
        NodeList rects = select(svg, "//g[@class='regions']/rect[@class]");
        assertThat(rects.getLength()).isEqualTo(TWO_BLOCKS.size());
        for (int i = 0; i < rects.getLength(); i++) {
            assertThat(rects.item(i).getAttributes().getNamedItem("class").getNodeValue())
                    .isEqualTo(TWO_BLOCKS.get(i).kind().name().toLowerCase());
        }
        String headerFill = fill(select(svg, "//rect[@class='header']").item(0));
        assertThat(fill(select(svg, "//rect[@class='header']").item(1))).isEqualTo(headerFill);
        assertThat(fill(select(svg, "//rect[@class='live']").item(0))).isNotEqualTo(headerFill)
                .isNotEqualTo(fill(select(svg, "//rect[@class='free']").item(0)))
                .isNotEqualTo(fill(select(svg, "//rect[@class='quarantined']").item(0)));
    }

    @Test
    void widths_are_proportional_to_bytes() {
        // GIVEN the picture of a 128-byte heap WHEN drawn
        Document svg = parse(SvgHeapPicture.of(TWO_BLOCKS).render());
        // THEN the 64-byte free block is 8 times as wide as the 8-byte header
        double header = number(select(svg, "//rect[@class='header']").item(0), "width");
        double free = number(select(svg, "//rect[@class='free']").item(0), "width");
        assertThat(free / header).isCloseTo(8.0, org.assertj.core.data.Offset.offset(0.05));
    }

    @Test
    void a_highlighted_index_gets_an_arrow_naming_the_index_and_its_kind() {
        // GIVEN the index 44, inside the quarantined block
        // WHEN the picture highlights it
        Document svg = parse(SvgHeapPicture.of(TWO_BLOCKS).highlight(44).render());
        // THEN an arrow says which index and what it points into
        assertThat(select(svg, "//g[@class='highlight']/text").item(0).getTextContent())
                .isEqualTo("index 44 (quarantined)");
        assertThat(SvgHeapPicture.of(TWO_BLOCKS).render()).doesNotContain("class=\"highlight\"");
    }

    @Test
    void a_highlight_outside_every_region_still_draws_and_stretches_the_scale() {
        SvgHeapPicture picture = SvgHeapPicture.of(TWO_BLOCKS).highlight(200);
        assertThat(picture.heapEnd()).isEqualTo(201);
        assertThat(select(parse(picture.render()), "//g[@class='highlight']/text").item(0).getTextContent())
                .isEqualTo("index 200");
    }

    @Test
    void an_access_far_past_a_small_heap_is_not_drawn_to_scale_but_named_at_the_bar_s_end() {
        // GIVEN a 128-byte heap and a 4-byte access 16 MiB past its start
        SvgHeapPicture picture = SvgHeapPicture.of(TWO_BLOCKS).highlight(1 << 24, 4);
        // WHEN it is drawn
        Document svg = parse(picture.render());
        // THEN the bar keeps the heap's size, the arrow stands at its end saying how far past it the access was, and
        // no zoom is drawn (it would hold nothing but the access)
        assertThat(picture.accessFarPastTheEnd()).isTrue();
        assertThat(picture.heapEnd()).isEqualTo(128);
        assertThat(select(svg, "//g[@class='highlight far']/text").item(0).getTextContent())
                .isEqualTo("index 16777216, " + ((1 << 24) - 128) + " bytes past the heap's end \u2192");
        assertThat(picture.zoomWindow()).isEmpty();
        assertThat(select(svg, "//desc").item(0).getTextContent()).startsWith("heap of 128 bytes:")
                .contains("bytes past the heap's end (not to scale)");
        assertThat(texts(select(svg, "//g[@class='scale']/text[@text-anchor]"))).contains("128")
                .doesNotContain(Integer.toString((1 << 24) + 4));
        // AND an access just past the end (an overflow of a few bytes) is still drawn to scale
        SvgHeapPicture near = SvgHeapPicture.of(TWO_BLOCKS).highlight(130, 8);
        assertThat(near.accessFarPastTheEnd()).isFalse();
        assertThat(near.heapEnd()).isEqualTo(138);
    }

    @Test
    void free_list_links_are_drawn_as_arrows_and_named_in_the_legend() {
        // GIVEN two free blocks linked 64 -> 8
        List<HeapRegion> regions = List.of(new HeapRegion(0, 8, Kind.HEADER), new HeapRegion(8, 32, Kind.FREE),
                new HeapRegion(32, 64, Kind.LIVE), new HeapRegion(64, 96, Kind.FREE));
        // WHEN drawn with that link
        String svg = SvgHeapPicture.of(regions).links(List.of(new SvgHeapPicture.Link(64, 8))).render();
        // THEN one arrow path goes from the first block to the second
        NodeList paths = select(parse(svg), "//g[@class='free-list']/path");
        assertThat(paths.getLength()).isEqualTo(1);
        assertThat(paths.item(0).getTextContent()).isEqualTo("free list: 64 -> 8");
        assertThat(svg).contains("arrow: next free block");
        assertThat(SvgHeapPicture.of(regions).render()).doesNotContain("free-list");
        // AND the arrow head is defined only where an arrow uses it: pages of several pictures repeat no id
        assertThat(select(parse(svg), "//*[local-name()='marker'][@id='arrow']").getLength()).isEqualTo(1);
        assertThat(SvgHeapPicture.of(regions).render()).doesNotContain("<marker");
    }

    @Test
    void the_scale_labels_every_boundary_that_has_room() {
        Document svg = parse(SvgHeapPicture.of(TWO_BLOCKS).render());
        List<String> labels = texts(select(svg, "//g[@class='scale']/text"));
        assertThat(labels).contains("0", "64", "128");
        assertThat(labels.get(labels.size() - 1)).startsWith("16 bytes");
    }

    @Test
    void short_labels_close_together_are_both_kept() {
        // GIVEN the docs' three blocks of 20, 20 and 40 bytes (boundaries 28 and 32 are 26 pixels apart)
        List<HeapRegion> regions = List.of(new HeapRegion(0, 4, Kind.PADDING), new HeapRegion(4, 8, Kind.HEADER),
                new HeapRegion(8, 28, Kind.LIVE), new HeapRegion(28, 32, Kind.PADDING),
                new HeapRegion(32, 40, Kind.HEADER), new HeapRegion(40, 112, Kind.LIVE));
        // WHEN drawn
        List<String> labels = texts(select(parse(SvgHeapPicture.of(regions).render()), "//g[@class='scale']/text"));
        // THEN two two-digit labels that fit side by side are both shown
        assertThat(labels).contains("28", "32", "40");
    }

    @Property(tries = 200)
    void scale_labels_never_overlap(
            @ForAll @Size(min = 1, max = 40) List<@IntRange(min = 1, max = 500_000) Integer> lengths) {
        List<HeapRegion> regions = new ArrayList<>();
        int at = 0;
        for (int length : lengths) {
            regions.add(new HeapRegion(at, at + length, Kind.LIVE));
            at += length;
        }
        NodeList labels = select(parse(SvgHeapPicture.of(regions).render()), "//g[@class='scale']/text[@text-anchor]");
        double previousEnd = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < labels.getLength(); i++) {
            Element label = (Element) labels.item(i);
            double centre = Double.parseDouble(label.getAttribute("x"));
            double halfWidth = label.getTextContent().length() * SvgHeapPicture.LABEL_CHAR_WIDTH / 2;
            assertThat(centre - halfWidth).as("label %s starts after the previous label ends", label.getTextContent())
                    .isGreaterThanOrEqualTo(previousEnd + SvgHeapPicture.LABEL_SPACE);
            assertThat(centre + halfWidth).as("label %s ends inside the picture", label.getTextContent())
                    .isLessThanOrEqualTo(SvgHeapPicture.WIDTH + 0.05);
            previousEnd = centre + halfWidth;
        }
        // AND the last label is the heap's end (drawn at least 8 bytes long), whatever it would have overlapped
        assertThat(labels.item(labels.getLength() - 1).getTextContent()).isEqualTo(Integer.toString(Math.max(at, 8)));
    }

    @Test
    void text_is_escaped_and_empty_heaps_draw() {
        String svg = SvgHeapPicture.of(List.of()).title("a < b & \"c\"").render();
        assertThat(parse(svg).getDocumentElement().getTagName()).isEqualTo("svg");
        assertThat(svg).contains("a &lt; b &amp; &quot;c&quot;");
    }

    @Test
    void the_same_regions_always_give_the_same_bytes() {
        assertThat(SvgHeapPicture.of(TWO_BLOCKS).highlight(8).render())
                .isEqualTo(SvgHeapPicture.of(new ArrayList<>(TWO_BLOCKS)).highlight(8).render());
    }

    @Test
    void bad_input_is_refused_with_a_sentence() {
        assertThatThrownBy(() -> SvgHeapPicture.of(List.of(new HeapRegion(0, 16, Kind.LIVE),
                new HeapRegion(8, 24, Kind.FREE)))).hasMessageContaining("address order without overlap");
        assertThatThrownBy(() -> SvgHeapPicture.of(null)).hasMessageContaining("empty list");
        assertThatThrownBy(() -> SvgHeapPicture.of(TWO_BLOCKS).highlight(-1)).hasMessageContaining(">= 0");
    }

    @Property(tries = 200)
    void any_tiling_of_the_heap_renders_well_formed_each_visible_region_drawn_once_alone_or_in_a_cluster(
            @ForAll @Size(max = 40) List<@IntRange(min = 0, max = 300) Integer> lengths,
            @ForAll @IntRange(min = 0, max = 4) int kindSeed) {
        List<HeapRegion> regions = new ArrayList<>();
        int at = 0;
        Kind[] kinds = Kind.values();
        for (int i = 0; i < lengths.size(); i++) {
            regions.add(new HeapRegion(at, at + lengths.get(i), kinds[(i + kindSeed) % kinds.length]));
            at += lengths.get(i);
        }
        SvgHeapPicture picture = SvgHeapPicture.of(regions).highlight(at / 2);
        Document svg = parse(picture.render());
        long nonEmpty = regions.stream().filter(r -> r.length() > 0).count();
        NodeList rects = select(svg, "//g[@class='regions']/rect[@class]");
        // every non-empty region is one rectangle, or counted in the one cluster of neighbours under a pixel it joined
        long drawn = 0;
        double end = SvgHeapPicture.MARGIN;
        for (int i = 0; i < rects.getLength(); i++) {
            Element rect = (Element) rects.item(i);
            if (rect.getAttribute("class").startsWith("cluster ")) {
                String tip = rect.getTextContent();
                drawn += Long.parseLong(tip.substring(0, tip.indexOf(' ')));
                assertThat(number(rect, "width")).isLessThanOrEqualTo(SvgHeapPicture.CLUSTER_WIDTH + 0.1);
            } else {
                drawn++;
            }
            // and the rectangles tile the bar, left to right, without gaps or overlaps
            assertThat(number(rect, "x")).isCloseTo(end, org.assertj.core.data.Offset.offset(0.11));
            end = number(rect, "x") + number(rect, "width");
        }
        if (at > 0) {
            assertThat(end).isCloseTo(picture.x(at), org.assertj.core.data.Offset.offset(0.2));
        }
        // (a region or cluster under 0.05 px, printed 0.0 px wide, is left out)
        assertThat(drawn).isLessThanOrEqualTo(nonEmpty);
        if (regions.stream().allMatch(r -> r.length() == 0 || picture.x(r.to()) - picture.x(r.from()) >= 1)) {
            assertThat((long) rects.getLength()).isEqualTo(nonEmpty);
        }
    }

    @Test
    void thousands_of_blocks_under_a_pixel_are_drawn_as_a_few_hundred_rectangles_of_their_main_kind() {
        // GIVEN 40,000 regions of 8 bytes (a 320 KB heap; 0.018 px each), three live for one free
        List<HeapRegion> regions = new ArrayList<>();
        for (int i = 0; i < 40_000; i++) {
            regions.add(new HeapRegion(8 * i, 8 * i + 8, i % 4 == 3 ? Kind.FREE : Kind.LIVE));
        }
        String text = SvgHeapPicture.of(regions).render();
        NodeList rects = select(parse(text), "//g[@class='regions']/rect[@class]");
        // THEN no more rectangles than the bar has pixels, each live-coloured (live holds most of every cluster)
        assertThat(rects.getLength()).isBetween(SvgHeapPicture.WIDTH / 4, SvgHeapPicture.WIDTH);
        for (int i = 0; i < rects.getLength(); i++) {
            assertThat(((Element) rects.item(i)).getAttribute("class")).isEqualTo("cluster live");
        }
        // AND the tooltip counts the bytes of each kind, and the description sums the heap up instead of listing it
        assertThat(rects.item(0).getTextContent()).matches("\\d+ regions in \\[0, \\d+\\), each under a pixel wide: "
                + "\\d+ bytes live payload, \\d+ bytes free");
        assertThat(select(parse(text), "//desc").item(0).getTextContent())
                .isEqualTo("heap of 320000 bytes: 40000 regions; live payload: 30000 regions, 240000 bytes; "
                        + "free: 10000 regions, 80000 bytes;");
        assertThat(text.length()).isLessThan(200_000);
    }

    @Test
    void nice_steps_are_powers_of_two_at_most_an_eighth_of_the_heap() {
        assertThat(SvgHeapPicture.niceStep(8)).isEqualTo(1);
        assertThat(SvgHeapPicture.niceStep(128)).isEqualTo(16);
        assertThat(SvgHeapPicture.niceStep(100)).isEqualTo(8);
    }

    private static String fill(org.w3c.dom.Node node) {
        return node.getAttributes().getNamedItem("fill").getNodeValue();
    }

    static List<String> texts(NodeList nodes) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add(nodes.item(i).getTextContent());
        }
        return out;
    }

    @Test
    void blocks_a_few_pixels_wide_get_no_outline_so_a_big_heap_keeps_its_colours() {
        // GIVEN a 1 MB heap of 4-byte headers and 60-byte payloads (thousands of blocks under a pixel each) and one
        // wide free block
        List<HeapRegion> regions = new ArrayList<>();
        int at = 0;
        while (at < 1 << 20) {
            regions.add(new HeapRegion(at, at + 4, Kind.HEADER));
            regions.add(new HeapRegion(at + 4, at + 64, Kind.LIVE));
            at += 64;
        }
        regions.add(new HeapRegion(at, at + (1 << 20), Kind.FREE));
        Document svg = parse(SvgHeapPicture.of(regions).render());
        // THEN no rectangle narrower than the outline rule is outlined, and the wide one keeps the group's outline
        NodeList rects = select(svg, "//g[@class='regions']/rect[@class]");
        for (int i = 0; i < rects.getLength(); i++) {
            Element rect = (Element) rects.item(i);
            boolean narrow = number(rect, "width") < SvgHeapPicture.MIN_OUTLINED_WIDTH;
            assertThat(rect.getAttribute("stroke")).as(rect.getAttribute("class") + " at x=" + rect.getAttribute("x"))
                    .isEqualTo(narrow ? "none" : "");
        }
        assertThat(select(svg, "//rect[@class='free']").item(0).getAttributes().getNamedItem("stroke")).isNull();
    }

    @Test
    void a_highlight_label_near_an_edge_stays_inside_the_picture_while_its_arrow_stays_on_the_byte() {
        // GIVEN the last byte and the first byte of a 4,040-byte heap highlighted
        List<HeapRegion> regions = List.of(new HeapRegion(0, 4, Kind.HEADER), new HeapRegion(4, 4032, Kind.LIVE),
                new HeapRegion(4032, 4040, Kind.QUARANTINED));
        for (int index : new int[] {4039, 0}) {
            Document svg = parse(SvgHeapPicture.of(regions).highlight(index).render());
            Element label = (Element) select(svg, "//g[@class='highlight']/text").item(0);
            // THEN the label's estimated extent lies within [0, WIDTH]
            double half = label.getTextContent().length() * 7.6 / 2;
            assertThat(number(label, "x") - half).as(label.getTextContent()).isGreaterThanOrEqualTo(0);
            assertThat(number(label, "x") + half).as(label.getTextContent()).isLessThanOrEqualTo(SvgHeapPicture.WIDTH);
        }
        // AND the arrow still points at the byte: its tip is at the right end for the last byte
        String arrow = ((Element) select(parse(SvgHeapPicture.of(regions).highlight(4039).render()),
                "//g[@class='highlight']/path").item(0)).getAttribute("d");
        double tipX = Double.parseDouble(arrow.substring(1, arrow.indexOf(',')));
        assertThat(tipX).isGreaterThan(SvgHeapPicture.WIDTH - 40);
    }

    @Test
    void an_access_range_is_marked_over_its_bytes_and_a_scale_reads_in_kib_or_mib() {
        // GIVEN a 24-byte access from index 8 into the two-block heap (it runs past the 20-byte payload)
        Document svg = parse(SvgHeapPicture.of(TWO_BLOCKS).highlight(8, 24).render());
        // THEN a bracket spans exactly those bytes, and the arrow still points at index 8
        Element range = (Element) select(svg, "//g[@class='highlight']/rect[@class='range']").item(0);
        double perByte = number((Element) select(svg, "//rect[@class='free']").item(0), "width") / 64;
        assertThat(number(range, "width")).isCloseTo(24 * perByte, org.assertj.core.data.Offset.offset(0.2));
        assertThat(select(svg, "//g[@class='highlight']/text").item(0).getTextContent()).isEqualTo("index 8 (live)");
        // AND a one-index highlight draws no bracket
        assertThat(SvgHeapPicture.of(TWO_BLOCKS).highlight(8).render()).doesNotContain("class=\"range\"");
        // AND scale lengths read as a person would write them
        assertThat(SvgHeapPicture.sizeText(1)).isEqualTo("1 byte");
        assertThat(SvgHeapPicture.sizeText(512)).isEqualTo("512 bytes");
        assertThat(SvgHeapPicture.sizeText(65536)).isEqualTo("64 KiB");
        assertThat(SvgHeapPicture.sizeText(1 << 21)).isEqualTo("2 MiB");
    }

    /** A 16-byte block (4-byte header, 12-byte payload) at {@code at}, between two big free blocks: a heap of a mebibyte. */
    private static List<HeapRegion> oneSmallBlockIn(int heapBytes, int at) {
        return List.of(new HeapRegion(0, at - 4, Kind.FREE), new HeapRegion(at - 4, at, Kind.HEADER),
                new HeapRegion(at, at + 12, Kind.LIVE), new HeapRegion(at + 12, heapBytes, Kind.FREE));
    }

    @Test
    void a_block_too_narrow_to_see_gets_a_zoomed_in_bar_with_its_neighbours_and_the_arrow_over_it() {
        // GIVEN a 12-byte payload in a 1 MiB heap (a hundredth of a pixel on the bar), highlighted with a 16-byte access
        String text = SvgHeapPicture.of(oneSmallBlockIn(1 << 20, 600_000)).highlight(600_000, 16).render();
        Document svg = parse(text);
        // THEN a zoomed bar shows the payload wide enough to see, with its header and the free bytes around it
        Element live = (Element) select(svg, "//g[@class='zoom']//rect[@class='live']").item(0);
        assertThat(number(live, "width")).isGreaterThan(100);
        assertThat(select(svg, "//g[@class='zoom']//rect[@class='header']").getLength()).isEqualTo(1);
        assertThat(select(svg, "//g[@class='zoom']//rect[@class='free']").getLength()).isEqualTo(2);
        // AND its arrow points into the payload, and the access's bracket runs 4 bytes past it
        String arrow = ((Element) select(svg, "//g[@class='zoom-highlight']/path").item(0)).getAttribute("d");
        double tipX = Double.parseDouble(arrow.substring(1, arrow.indexOf(',')));
        assertThat(tipX).isBetween(number(live, "x"), number(live, "x") + number(live, "width"));
        Element range = (Element) select(svg, "//g[@class='zoom-highlight']/rect[@class='range']").item(0);
        assertThat(number(range, "width")).isCloseTo(number(live, "width") * 16 / 12, org.assertj.core.data.Offset.offset(0.5));
        // AND the caption and the description say which bytes are zoomed, the legend sits below the zoom
        assertThat(select(svg, "//g[@class='zoom']/text").item(0).getTextContent()).startsWith("zoomed in: bytes 5999");
        assertThat(select(svg, "//desc").item(0).getTextContent()).contains("zoomed in on bytes");
        double legendY = number((Element) select(svg, "//g[@class='legend']/text").item(0), "y");
        assertThat(legendY).isGreaterThan(number(live, "y") + SvgHeapPicture.ZOOM_BAR_HEIGHT + 18);
        assertThat(number(svg.getDocumentElement(), "height")).isGreaterThan(legendY);
        // AND a heap where the block is wide enough draws no zoom
        assertThat(SvgHeapPicture.of(TWO_BLOCKS).highlight(8, 24).render()).doesNotContain("zoom");
        assertThat(SvgHeapPicture.of(oneSmallBlockIn(1 << 20, 600_000)).render()).doesNotContain("zoom");
    }

    @Property(tries = 300)
    void a_zoom_holds_the_highlight_large_and_its_labels_never_overlap_or_leave_the_picture(
            @ForAll @Size(min = 1, max = 60) List<@IntRange(min = 1, max = 300) Integer> lengths,
            @ForAll @IntRange(min = 0, max = 4) int kindSeed, @ForAll @IntRange(min = 100_000, max = 4_000_000) int big,
            @ForAll @IntRange(min = 0, max = 1000) int permille, @ForAll @IntRange(min = 0, max = 64) int accessLength) {
        // small regions between two big free ones, so that most of them are under a pixel wide
        List<HeapRegion> regions = new ArrayList<>();
        regions.add(new HeapRegion(0, big, Kind.FREE));
        int at = big;
        Kind[] kinds = Kind.values();
        for (int i = 0; i < lengths.size(); i++) {
            regions.add(new HeapRegion(at, at + lengths.get(i), kinds[(i + kindSeed) % kinds.length]));
            at += lengths.get(i);
        }
        int highlight = big + (int) ((long) (at - big - 1) * permille / 1000);
        regions.add(new HeapRegion(at, at + big / 2, Kind.FREE));
        SvgHeapPicture picture = SvgHeapPicture.of(regions).highlight(highlight, accessLength);
        Document svg = parse(picture.render());
        java.util.Optional<int[]> window = picture.zoomWindow();
        Assume.that(window.isPresent());
        // the window holds the highlighted index and its whole access
        assertThat(window.get()[0]).isLessThanOrEqualTo(highlight);
        assertThat(window.get()[1]).isGreaterThanOrEqualTo(highlight + Math.max(1, accessLength));
        // the highlighted region (or access) takes at least a third of the zoom; a tiny one has 32 bytes on each side
        HeapRegion held = regions.get(picture.kindAt(highlight).getAsInt());
        long focus = Math.max(held.to(), (long) highlight + Math.max(1, accessLength)) - held.from();
        double perByte = (SvgHeapPicture.WIDTH - 2.0 * SvgHeapPicture.MARGIN) / (window.get()[1] - window.get()[0]);
        double bar = SvgHeapPicture.WIDTH - 2.0 * SvgHeapPicture.MARGIN;
        assertThat(focus * perByte).isGreaterThanOrEqualTo(Math.min(bar / 3,
                focus * bar / (focus + 2 * SvgHeapPicture.ZOOM_MIN_CONTEXT)) - 0.01);
        // every zoomed rectangle lies inside the zoomed bar, and its labels neither overlap nor leave the picture
        NodeList rects = select(svg, "//g[@class='zoom']/g/rect");
        for (int i = 0; i < rects.getLength(); i++) {
            Element rect = (Element) rects.item(i);
            assertThat(number(rect, "x")).isGreaterThanOrEqualTo(SvgHeapPicture.MARGIN - 0.05);
            assertThat(number(rect, "x") + number(rect, "width")).isLessThanOrEqualTo(SvgHeapPicture.WIDTH - SvgHeapPicture.MARGIN + 0.1);
        }
        NodeList labels = select(svg, "//g[@class='zoom']/g/text[@text-anchor and not(@fill)]");
        double previousEnd = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < labels.getLength(); i++) {
            Element label = (Element) labels.item(i);
            double centre = Double.parseDouble(label.getAttribute("x"));
            double halfWidth = label.getTextContent().length() * SvgHeapPicture.LABEL_CHAR_WIDTH / 2;
            assertThat(centre - halfWidth).isGreaterThanOrEqualTo(Math.max(-0.05, previousEnd + SvgHeapPicture.LABEL_SPACE - 0.05));
            assertThat(centre + halfWidth).isLessThanOrEqualTo(SvgHeapPicture.WIDTH + 0.05);
            previousEnd = centre + halfWidth;
        }
    }

    @Property(tries = 200)
    void freed_blocks_wide_enough_are_hatched_inside_their_own_rectangle_and_no_other_block_is(
            @ForAll @Size(min = 1, max = 60) List<@IntRange(min = 1, max = 4_000) Integer> lengths,
            @ForAll long kindSeed) {
        // GIVEN any tiling of a heap with regions of every kind (light red freed blocks and green live ones look
        // alike to a red-green colour-blind reader)
        java.util.Random kinds = new java.util.Random(kindSeed);
        List<HeapRegion> regions = new ArrayList<>();
        int at = 0;
        for (int length : lengths) {
            regions.add(new HeapRegion(at, at + length, Kind.values()[kinds.nextInt(Kind.values().length)]));
            at += length;
        }
        // WHEN it is drawn
        Document svg = parse(SvgHeapPicture.of(regions).render());
        // THEN every freed block drawn at least MIN_HATCHED_WIDTH wide is followed by a hatch, and no narrower one
        // (widths are printed to a tenth of a pixel: one that prints as the limit itself may fall either side)
        NodeList rects = select(svg, "//g[@class='regions']/rect[@class='quarantined']");
        for (int i = 0; i < rects.getLength(); i++) {
            double width = number(rects.item(i), "width");
            org.w3c.dom.Node next = rects.item(i).getNextSibling();
            while (next != null && !(next instanceof Element)) {
                next = next.getNextSibling();
            }
            boolean hatched = next instanceof Element e && e.getAttribute("class").equals("hatch");
            if (Math.abs(width - SvgHeapPicture.MIN_HATCHED_WIDTH) > 0.05) {
                assertThat(hatched).as("a freed block %s px wide is hatched", width)
                        .isEqualTo(width > SvgHeapPicture.MIN_HATCHED_WIDTH);
            }
        }
        NodeList hatches = select(svg, "//g[@class='regions']/path[@class='hatch']");
        // AND each hatch line lies inside the block it follows (coordinates are printed to a tenth of a pixel)
        for (int i = 0; i < hatches.getLength(); i++) {
            org.w3c.dom.Node block = hatches.item(i).getPreviousSibling();
            while (!(block instanceof Element e && e.getTagName().equals("rect"))) {
                block = block.getPreviousSibling();
            }
            Element rect = (Element) block;
            assertThat(rect.getAttribute("class")).isEqualTo("quarantined");
            double left = number(rect, "x");
            double top = number(rect, "y");
            String[] points = ((Element) hatches.item(i)).getAttribute("d").replaceAll("[ML]", " ").trim().split("\\s+");
            assertThat(points).isNotEmpty();
            for (String point : points) {
                double x = Double.parseDouble(point.split(",")[0]);
                double y = Double.parseDouble(point.split(",")[1]);
                assertThat(x).as("x of %s in %s", point, rect.getAttribute("x"))
                        .isBetween(left - 0.11, left + number(rect, "width") + 0.11);
                assertThat(y).isBetween(top - 0.11, top + number(rect, "height") + 0.11);
            }
        }
    }

    @Test
    void the_legend_shows_freed_blocks_hatched_as_they_are_drawn() {
        Document svg = parse(SvgHeapPicture.of(TWO_BLOCKS).render());
        assertThat(select(svg, "//g[@class='legend']/path[@class='hatch']").getLength()).isEqualTo(1);
        assertThat(select(parse(SvgHeapPicture.of(List.of(new HeapRegion(0, 64, Kind.LIVE))).render()),
                "//path[@class='hatch']").getLength()).isZero();
    }
}
