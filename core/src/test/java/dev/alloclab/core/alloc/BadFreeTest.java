package dev.alloclab.core.alloc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alloclab.core.KitException;
import dev.alloclab.core.memory.HeapBytes;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every registered allocator, used without the checked heap, stops at a double free or a free of an index it never
 * handed out, with a sentence naming the call, and before it changes anything: it never hands one block out twice.
 */
class BadFreeTest {
    static List<String> allocators() {
        return List.copyOf(Allocators.all().keySet());
    }

    @ParameterizedTest
    @MethodSource("allocators")
    void a_double_free_is_refused_with_a_sentence_and_the_block_is_never_handed_out_twice(String name) {
        // GIVEN a small block (a header-less slot on segregated once its size is popular) and a large one, freed
        Allocator allocator = Allocators.create(name, HeapBytes.withMax(1 << 20));
        int[] smalls = new int[40];
        for (int i = 0; i < smalls.length; i++) {
            smalls[i] = allocator.alloc(16);
        }
        int large = allocator.alloc(3000);
        allocator.dealloc(smalls[7]);
        allocator.dealloc(large);
        // WHEN each is freed again
        // THEN the allocator says what went wrong, naming the call
        assertThatThrownBy(() -> allocator.dealloc(smalls[7])).isInstanceOf(KitException.class)
                .hasMessageStartingWith("dealloc(" + smalls[7] + ")").hasMessageContaining("checked heap");
        assertThatThrownBy(() -> allocator.dealloc(large)).isInstanceOf(KitException.class)
                .hasMessageStartingWith("dealloc(" + large + ")");
        // AND its next blocks are all different (nothing was corrupted)
        Set<Integer> handedOut = new HashSet<>();
        for (int i = 0; i < 4; i++) {
            assertThat(handedOut.add(allocator.alloc(16))).as("a block handed out twice").isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("allocators")
    void an_index_alloc_never_returned_is_refused_with_a_sentence_naming_the_call(String name) {
        Allocator allocator = Allocators.create(name, HeapBytes.withMax(1 << 20));
        int block = allocator.alloc(64);
        for (int bad : new int[] {-8, 3, block + 4, 1 << 19}) {
            assertThatThrownBy(() -> allocator.dealloc(bad)).as("dealloc(%d)", bad).isInstanceOf(KitException.class)
                    .hasMessageStartingWith("dealloc(" + bad + ")");
        }
        assertThat(allocator.usableSize(block)).isGreaterThanOrEqualTo(64);
    }

    @ParameterizedTest
    @MethodSource("allocators")
    void a_realloc_of_a_bad_index_is_refused_before_anything_is_allocated(String name) {
        Allocator allocator = Allocators.create(name, HeapBytes.withMax(1 << 20));
        int block = allocator.alloc(64);
        java.util.List<HeapRegion> before = allocator.regions();
        assertThatThrownBy(() -> allocator.realloc(block + 4, 8)).isInstanceOf(KitException.class);
        assertThat(allocator.regions()).as("no block was taken and left behind").isEqualTo(before);
    }

    @ParameterizedTest
    @MethodSource("allocators")
    void a_free_before_any_alloc_is_refused_with_a_sentence_and_no_empty_range(String name) {
        Allocator allocator = Allocators.create(name, HeapBytes.withMax(1 << 20));
        assertThatThrownBy(() -> allocator.dealloc(16)).isInstanceOf(KitException.class)
                .hasMessageStartingWith("dealloc(16)").hasMessageNotContaining("[16, 12)");
    }
}
