package dev.alloclab.core.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.alloclab.core.alloc.ReferenceAllocator;
import dev.alloclab.core.memory.HeapBytes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Pins the layout of a report (STYLE.md section 8) with one golden file, written by hand from
 * the layout: headline, where, the sites table, the map with its marker and legend, what to do,
 * the lesson. Other tests check fields; this one alone fails when the layout moves.
 */
class ViolationReportGoldenTest {

    @Test
    void a_use_after_free_report_is_laid_out_like_the_golden_file() throws IOException {
        // GIVEN the worked example's mistake: five ints freed before they are read
        CheckedHeap heap = CheckedHeap.over(ReferenceAllocator.firstFit(HeapBytes.withMax(4096)));
        int years = heap.at("Examples.getYears (Examples.java:41)").alloc(20);
        heap.at("Examples.main (Examples.java:50)").alloc(16);
        heap.at("Examples.main (Examples.java:57)").dealloc(years);
        heap.at("Examples.findHighestYear (Examples.java:66)");
        // WHEN the program reads the fourth year
        ViolationException e = assertThrows(ViolationException.class, () -> heap.readInt(years + 12));
        // THEN the message is the report, exactly
        assertThat(e.getMessage()).isEqualTo(golden("use-after-free.txt"));
        assertThat(e.violation().report()).isEqualTo(e.getMessage());
    }

    private static String golden(String name) throws IOException {
        try (InputStream in = ViolationReportGoldenTest.class.getResourceAsStream(name)) {
            assertThat(in).as("golden file %s", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).stripTrailing();
        }
    }
}
