package dev.alloclab.core.picture;

import static dev.alloclab.core.picture.SvgAssertions.number;
import static dev.alloclab.core.picture.SvgAssertions.parse;
import static dev.alloclab.core.picture.SvgAssertions.select;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alloclab.core.alloc.PlainHeap;
import dev.alloclab.core.alloc.ReferenceAllocator;
import dev.alloclab.core.examples.DeallocStrategy;
import dev.alloclab.core.examples.ExampleRun;
import dev.alloclab.core.examples.WorkedExample;
import dev.alloclab.core.memory.HeapBytes;
import dev.alloclab.core.testing.TestBumpAllocator;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

class MemoryChartTest {
    private static ExampleRun run(DeallocStrategy strategy) {
        return WorkedExample.run(strategy, PlainHeap.over(new TestBumpAllocator(HeapBytes.withMax(4096))));
    }

    @Test
    void one_point_per_heap_operation_of_the_worked_example() {
        // GIVEN the at-end run of the worked example
        ExampleRun atEnd = run(DeallocStrategy.AT_END);
        // WHEN charted
        MemoryChart chart = MemoryChart.of(atEnd);
        Document svg = parse(chart.render());
        // THEN there is one point per heap event, each telling its operation, and the peak is the run's peak
        NodeList circles = select(svg, "//g[@class='points']/circle");
        assertThat(circles.getLength()).isEqualTo(atEnd.events().size());
        assertThat(circles.item(0).getTextContent()).isEqualTo("step 1: alloc(20) in getYears -> 20 bytes in use");
        assertThat(chart.peak()).isEqualTo(atEnd.peakLiveBytes());
        assertThat(select(svg, "//text[@class='peak']").item(0).getTextContent())
                .isEqualTo("peak " + atEnd.peakLiveBytes() + " bytes");
        assertThat(select(svg, "//text[@class='end']").item(0).getTextContent()).isEqualTo("0 bytes at the end");
    }

    @Test
    void a_run_that_stopped_ends_with_where_it_stopped_not_with_bytes_at_the_end() {
        // GIVEN the twice run on a first-fit allocator, which refuses the second dealloc of index 8 and stops the run
        ExampleRun twice = WorkedExample.run(DeallocStrategy.TWICE,
                PlainHeap.over(ReferenceAllocator.firstFit(HeapBytes.withMax(4096))));
        assertThat(twice.stoppedBy()).isPresent();
        int lastStep = twice.events().get(twice.events().size() - 1).step();
        // WHEN charted
        Document svg = parse(MemoryChart.of(twice).render());
        // THEN the end label and the description say where it stopped, and no label claims an end
        assertThat(select(svg, "//text[@class='end']").item(0).getTextContent()).isEqualTo("stopped after step " + lastStep);
        assertThat(select(svg, "//desc").item(0).getTextContent()).endsWith("; the run stopped after step " + lastStep);
        assertThat(MemoryChart.of(twice).render()).doesNotContain("at the end");
    }

    @Test
    void a_higher_point_is_drawn_higher_up() {
        // GIVEN a chart that goes up then down
        MemoryChart chart = MemoryChart.titled("up and down").point(1, 20, "a").point(2, 40, "b").point(3, 0, "c");
        NodeList circles = select(parse(chart.render()), "//circle");
        // THEN y grows downwards: 40 bytes sits above 20, which sits above 0
        assertThat(number(circles.item(1), "cy")).isLessThan(number(circles.item(0), "cy"));
        assertThat(number(circles.item(0), "cy")).isLessThan(number(circles.item(2), "cy"));
    }

    @Test
    void a_shared_y_max_gives_charts_one_scale() {
        MemoryChart low = MemoryChart.titled("low").point(1, 40, "x").yMax(120);
        MemoryChart high = MemoryChart.titled("high").point(1, 120, "x").yMax(120);
        assertThat(low.axisTop()).isEqualTo(high.axisTop()).isEqualTo(120);
        assertThat(low.y(40)).isGreaterThan(high.y(120));
    }

    @Test
    void the_path_steps_up_at_each_alloc_and_down_at_each_dealloc() {
        MemoryChart chart = MemoryChart.titled("t").point(1, 20, "alloc").point(2, 20, "read").point(3, 0, "dealloc");
        String d = select(parse(chart.render()), "//path[@class='in-use']").item(0).getAttributes()
                .getNamedItem("d").getNodeValue();
        assertThat(d.split(" V")).hasSize(3); // two vertical moves: up to 20, down to 0
    }

    @Test
    void steps_must_increase_and_values_be_non_negative() {
        assertThatThrownBy(() -> MemoryChart.titled("t").point(2, 1, "a").point(2, 1, "b"))
                .hasMessageContaining("steps must increase");
        assertThatThrownBy(() -> MemoryChart.titled("t").point(1, -1, "a")).hasMessageContaining("bytes >= 0");
        assertThat(parse(MemoryChart.titled(null).render()).getDocumentElement().getTagName()).isEqualTo("svg");
    }

    @Property(tries = 200)
    void y_ticks_are_round_and_at_most_six(@ForAll @IntRange(min = 1, max = 50_000_000) int top) {
        int tick = MemoryChart.yTick(top);
        assertThat((long) tick * 6).isGreaterThanOrEqualTo(top);
        assertThat(String.valueOf(tick)).matches("[125]0*");
    }
}
