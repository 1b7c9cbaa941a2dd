package dev.alloclab.core;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alloclab.core.alloc.Allocators;
import dev.alloclab.core.memory.HeapBytes;
import dev.alloclab.core.memory.Local;
import dev.alloclab.core.memory.StackMemory;
import dev.alloclab.core.trace.ParseMode;
import dev.alloclab.core.trace.Trace;
import dev.alloclab.core.vec.VecMetadata;
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
}
