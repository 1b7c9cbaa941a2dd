package dev.alloclab.core;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alloclab.core.alloc.Allocators;
import dev.alloclab.core.alloc.HeapRegion;
import dev.alloclab.core.memory.HeapBytes;
import dev.alloclab.core.memory.Local;
import dev.alloclab.core.memory.StackMemory;
import dev.alloclab.core.check.ViolationReport;
import dev.alloclab.core.examples.DeallocStrategy;
import dev.alloclab.core.examples.WorkedExample;
import dev.alloclab.core.picture.HtmlStepThrough;
import dev.alloclab.core.picture.MemoryChart;
import dev.alloclab.core.picture.SvgHeapPicture;
import dev.alloclab.core.trace.Replayer;
import dev.alloclab.core.trace.ParseMode;
import dev.alloclab.core.trace.Trace;
import dev.alloclab.core.vec.VecMetadata;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A null where the public API needs a value is a sentence naming the argument, never a bare NullPointerException. */
class NullArgumentsTest {
    @Test
    void each_entry_point_names_the_argument_that_was_null() {
        HeapBytes heap = HeapBytes.withMax(64);
        heap.sbrk(16);
        assertThatThrownBy(() -> Allocators.create(null, heap)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the allocator's name must not be null");
        assertThatThrownBy(() -> heap.writeBytes(0, null)).hasMessage("the bytes to write must not be null");
        assertThatThrownBy(() -> StackMemory.withCapacity(64).push("h", (Local) null))
                .hasMessage("each local of frame h must not be null");
        assertThatThrownBy(() -> VecMetadata.of(null, 1)).hasMessage("heap must not be null");
        assertThatThrownBy(() -> Trace.parse("x.rep", null, ParseMode.STRICT)).hasMessage("the trace's text must not be null");
    }

    @Test
    void replays_name_a_missing_trace_heap_or_allocator() {
        Trace trace = Trace.parse("t.rep", "0\n1\n2\n1\na 0 8\nf 0\n", ParseMode.STRICT);
        assertThatThrownBy(() -> Replayer.forAllocator("first-fit").validate(null)).hasMessage("trace must not be null");
        assertThatThrownBy(() -> Replayer.forAllocator("first-fit").heap(() -> null).validate(trace))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("the heap supplier returned null");
        assertThatThrownBy(() -> Replayer.using("mine", heap -> null).validate(trace))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the allocator factory for mine returned null");
        assertThatThrownBy(() -> Replayer.validate(trace, null, "mine")).hasMessage("allocator must not be null");
        assertThatThrownBy(() -> Replayer.validate(null, Allocators.create("first-fit", HeapBytes.withMax(64)), "mine"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("trace must not be null");
        assertThatThrownBy(() -> Replayer.validate(trace, Allocators.create("first-fit", HeapBytes.withMax(64)), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("name must not be blank");
    }

    @Test
    void the_worked_example_its_chart_and_the_vec_name_a_missing_heap_run_or_frame() {
        // GIVEN nothing where the heap, the run or the frame belongs
        // WHEN the public API is called THEN the sentence names the argument, at the call that passed it
        assertThatThrownBy(() -> MemoryChart.of(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("run must not be null");
        assertThatThrownBy(() -> HtmlStepThrough.titled("x").writeTo(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("file must not be null");
        assertThatThrownBy(() -> WorkedExample.run(DeallocStrategy.TWICE, null)).hasMessage("heap must not be null");
        assertThatThrownBy(() -> DeallocStrategy.fromCliName(null)).hasMessage("name must not be null");
        assertThatThrownBy(() -> VecMetadata.empty().push(null, 1)).hasMessage("heap must not be null");
        assertThatThrownBy(() -> VecMetadata.loadFrom(null, "v")).hasMessage("frame must not be null");
        assertThatThrownBy(() -> StackMemory.withCapacity(64).pop(null)).hasMessage("frame must not be null");
        assertThatThrownBy(() -> ViolationReport.render(null)).hasMessage("the violation must not be null");
        assertThatThrownBy(() -> IoReason.of(null)).hasMessage("failure must not be null");
    }

    @Test
    void pictures_name_a_missing_region_link_or_step_part() {
        List<HeapRegion> regions = List.of(new HeapRegion(0, 8, HeapRegion.Kind.LIVE));
        assertThatThrownBy(() -> SvgHeapPicture.of(Arrays.asList(regions.get(0), null)))
                .hasMessageStartingWith("region 1 of 2 is null");
        assertThatThrownBy(() -> SvgHeapPicture.of(regions).links(null)).hasMessageStartingWith("links must not be null");
        assertThatThrownBy(() -> SvgHeapPicture.of(regions).links(Arrays.asList((SvgHeapPicture.Link) null)))
                .hasMessageStartingWith("links must not hold null");
        assertThatThrownBy(() -> SvgHeapPicture.of(regions).link(-1, 0)).hasMessageStartingWith("link(-1, 0)");
        assertThatThrownBy(() -> HtmlStepThrough.titled("x").step("alloc(20)", null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("step \"alloc(20)\" needs the heap's regions");
    }
}
