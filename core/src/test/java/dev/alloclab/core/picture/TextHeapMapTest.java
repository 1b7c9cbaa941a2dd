package dev.alloclab.core.picture;

import static dev.alloclab.core.alloc.HeapRegion.Kind.FREE;
import static dev.alloclab.core.alloc.HeapRegion.Kind.HEADER;
import static dev.alloclab.core.alloc.HeapRegion.Kind.LIVE;
import static dev.alloclab.core.alloc.HeapRegion.Kind.QUARANTINED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alloclab.core.alloc.HeapRegion;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextHeapMapTest {
    private static final List<HeapRegion> SMALL = List.of(
            new HeapRegion(0, 8, HEADER), new HeapRegion(8, 24, LIVE), new HeapRegion(24, 32, FREE));

    @Test
    void a_small_heap_is_drawn_one_byte_per_cell_with_labels_at_region_boundaries() {
        List<String> lines = TextHeapMap.of(SMALL).lines();
        assertThat(lines).containsExactly(
                "      0       8               24      32",
                "heap  hhhhhhhhaaaaaaaaaaaaaaaa........",
                "      h header  a live  . free");
    }

    @Test
    void a_marker_points_at_its_byte_with_the_index_and_label() {
        List<String> lines = TextHeapMap.of(SMALL).marker(10, "this read").lines();
        assertThat(lines.get(2)).isEqualTo(" ".repeat(6 + 10) + "^ 10 this read");
        assertThat(lines.get(1).charAt(6 + 10)).isEqualTo('a');
    }

    @Test
    void a_marker_outside_the_window_is_left_out() {
        assertThat(TextHeapMap.of(SMALL).window(0, 16).marker(20, "x").render()).doesNotContain("^");
    }

    @Test
    void a_window_draws_only_its_bytes_and_blank_where_no_region_is() {
        List<String> lines = TextHeapMap.of(SMALL).window(20, 40).lines();
        assertThat(lines.get(0)).isEqualTo("      20  24      32");
        assertThat(lines.get(1)).isEqualTo("heap  aaaa........        ");
        assertThat(lines.get(2)).isEqualTo("      a live  . free");
    }

    @Test
    void a_wide_heap_is_scaled_so_each_cell_shows_the_kind_covering_most_of_its_bytes() {
        // GIVEN a 1 MiB heap: 1 KiB of headers, half live, the rest quarantined
        List<HeapRegion> wide = List.of(new HeapRegion(0, 1024, HEADER), new HeapRegion(1024, 1 << 19, LIVE),
                new HeapRegion(1 << 19, 1 << 20, QUARANTINED));
        TextHeapMap map = TextHeapMap.of(wide).cellsPerLine(64);
        // WHEN it is drawn
        List<String> lines = map.lines();
        // THEN 64 cells of 16 KiB each: the header is outvoted in the first cell
        assertThat(map.bytesPerCell()).isEqualTo(16384);
        assertThat(lines.get(1)).isEqualTo("heap  " + "a".repeat(32) + "f".repeat(32));
        assertThat(lines.get(2)).contains("(1 cell = 16384 bytes)");
    }

    @Test
    void a_map_may_wrap_over_several_lines_each_with_its_own_scale() {
        List<String> lines = TextHeapMap.of(SMALL).cellsPerLine(16).maxLines(2).marker(20, "here").lines();
        assertThat(lines).containsExactly(
                "      0       8",
                "heap  hhhhhhhhaaaaaaaa",
                "      16      24      32",
                "      aaaaaaaa........",
                "          ^ 20 here",
                "      h header  a live  . free");
    }

    @Test
    void labels_that_would_touch_the_previous_one_are_left_out() {
        List<HeapRegion> crowded = List.of(new HeapRegion(1000, 1001, LIVE), new HeapRegion(1001, 1002, FREE),
                new HeapRegion(1002, 1010, LIVE));
        assertThat(TextHeapMap.of(crowded).lines().get(0)).isEqualTo("      1000      1010");
    }

    @Test
    void an_empty_map_says_so_and_bad_settings_are_refused() {
        assertThat(TextHeapMap.of(List.of()).render()).isEqualTo("heap  (no bytes)");
        assertThatThrownBy(() -> TextHeapMap.of(SMALL).window(8, 4)).hasMessageContaining("0 <= from <= to");
        assertThatThrownBy(() -> TextHeapMap.of(SMALL).cellsPerLine(0)).hasMessageContaining("cellsPerLine must be > 0");
        assertThatThrownBy(() -> TextHeapMap.of(SMALL).maxLines(0)).hasMessageContaining("maxLines must be > 0");
    }
}
