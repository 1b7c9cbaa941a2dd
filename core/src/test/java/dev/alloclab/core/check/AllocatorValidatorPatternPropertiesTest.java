package dev.alloclab.core.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alloclab.core.memory.HeapBytes;
import dev.alloclab.core.testing.TestFirstFitAllocator;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The validator fills payloads from one shared template at a per-block shift; what lands in the
 * heap must still be exactly {@code patternByte(blockId, k)}, the byte its reports quote.
 */
class AllocatorValidatorPatternPropertiesTest {
    @Property(tries = 300)
    void every_payload_byte_is_its_blocks_pattern_byte(@ForAll int blockId,
                                                        @ForAll @IntRange(min = 1, max = 9000) int size,
                                                        @ForAll @IntRange(min = 1, max = 9000) int grownSize) {
        HeapBytes heap = HeapBytes.mallocLabSized();
        AllocatorValidator validator = AllocatorValidator.of(new TestFirstFitAllocator(heap));
        validator.alloc(24, blockId + 1); // a neighbour with another pattern
        int p = validator.alloc(size, blockId);
        assertPattern(heap, p, size, blockId);

        // realloc keeps the old bytes and extends the same block's pattern to the new size
        int q = validator.realloc(p, grownSize, blockId);
        assertPattern(heap, q, grownSize, blockId);
        validator.checkLivePayloads();
    }

    private static void assertPattern(HeapBytes heap, int p, int size, int blockId) {
        for (int k = 0; k < size; k++) {
            if (heap.readByte(p + k) != AllocatorValidator.patternByte(blockId, k)) {
                throw new AssertionError("byte " + k + " of block " + blockId + " is " + heap.readByte(p + k)
                        + ", expected " + AllocatorValidator.patternByte(blockId, k));
            }
        }
        assertThat(size).isPositive();
    }
}
