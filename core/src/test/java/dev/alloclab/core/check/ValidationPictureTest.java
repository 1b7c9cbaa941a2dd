package dev.alloclab.core.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ValidationPictureTest {

    @Test
    void each_label_sits_under_the_cell_that_holds_its_index() {
        // GIVEN a payload [120, 130) overlapping a live one [126, 134), one byte per cell from 32 bytes before it
        String[] lines = ValidationPicture.around(120, 130, List.of(new int[] {96, 112}, new int[] {126, 134}), 200)
                .split("\n");
        assertThat(lines[0]).startsWith("heap bytes [88, ").contains("1 byte per cell");
        String map = lines[1];
        String labels = lines[2];
        // THEN the payload's cells are where its labels are: ^88 under the bar's first cell, ^120 under the
        // payload's first cell, ^130 under the cell after its last
        assertThat(map.charAt(1 + 32)).isEqualTo('#');
        assertThat(map.charAt(1 + 38)).isEqualTo('X');
        assertThat(map.charAt(1 + 42)).isEqualTo('a');
        assertThat(labels.indexOf("^88")).isEqualTo(1);
        assertThat(labels.indexOf("^120")).isEqualTo(1 + 32);
        assertThat(labels.indexOf("^130")).isEqualTo(1 + 42);
    }

    @Test
    void labels_too_close_for_their_cells_follow_each_other_without_touching() {
        // GIVEN a 1-byte payload: its two labels fall in neighbouring cells
        String labels = ValidationPicture.around(40, 41, List.of(), 100).split("\n")[2];
        // THEN all three are there, in order, separated by at least one space
        assertThat(labels).containsPattern("\\^8 +\\^40 +\\^41");
        assertThat(labels.indexOf("^8")).isEqualTo(1);
    }

    @Test
    void the_part_of_a_payload_past_the_heaps_end_has_its_own_mark() {
        // GIVEN a payload [8, 48) in a heap that ends at 44
        String[] lines = ValidationPicture.around(8, 48, List.of(), 44).split("\n");
        String map = lines[1];
        // THEN bytes 8..43 are the payload, 44..47 the payload past the end, and the legend says so
        assertThat(map.charAt(1 + 8)).isEqualTo('#');
        assertThat(map.charAt(1 + 43)).isEqualTo('#');
        assertThat(map.substring(1 + 44, 1 + 48)).isEqualTo("!!!!");
        assertThat(lines[3]).contains("! this payload past the heap's end");
    }
}
