package dev.alloclab.core.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alloclab.core.alloc.Allocator;
import dev.alloclab.core.check.ValidationFailure.Kind;
import dev.alloclab.core.memory.HeapBytes;
import dev.alloclab.core.testing.TestFirstFitAllocator;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class ValidatingAllocatorTest {
    /**
     * Drives {@code allocator} with a program decoded from {@code steps}: a positive step allocates
     * that many bytes, a negative one frees or (every other time) reallocs a live block.
     */
    private static void drive(Allocator allocator, List<Integer> steps) {
        List<Integer> live = new ArrayList<>();
        boolean realloc = false;
        for (int step : steps) {
            if (step > 0 || live.isEmpty()) {
                int p = allocator.alloc(Math.abs(step) + 1);
                if (p != Allocator.NULL) {
                    live.add(p);
                }
            } else {
                int victim = Math.floorMod(step, live.size());
                if (realloc) {
                    int p = allocator.realloc(live.get(victim), -step * 3 + 1);
                    if (p != Allocator.NULL) {
                        live.set(victim, p);
                    }
                } else {
                    allocator.dealloc(live.remove(victim));
                }
                realloc = !realloc;
            }
        }
    }

    @Property(tries = 300)
    void a_correct_allocator_passes_every_program(
            @ForAll @Size(max = 60) List<@IntRange(min = -300, max = 300) Integer> steps) {
        ValidatingAllocator allocator = ValidatingAllocator.wrap(new TestFirstFitAllocator(HeapBytes.withMax(1 << 16)));
        drive(allocator, steps);
        allocator.validator().checkLivePayloads();
    }

    @Test
    void each_call_is_numbered_and_the_first_broken_rule_is_thrown() {
        // GIVEN a misaligned allocator behind the validating wrapper
        Allocator allocator = ValidatingAllocator.wrap(BuggyAllocators.misaligned(HeapBytes.withMax(1024)));
        // WHEN the program allocates THEN the first call already fails, named by its call number
        assertThatThrownBy(() -> allocator.alloc(24))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.failure().kind()).isEqualTo(Kind.MISALIGNED);
                    assertThat(e.failure().where()).isEqualTo("call 1 (alloc(24))");
                    assertThat(e.failure().sentence()).contains("returned 4, which is not a multiple of 8");
                });
    }

    @Test
    void the_wrapper_answers_heap_and_usable_size_from_the_allocator_underneath() {
        TestFirstFitAllocator inner = new TestFirstFitAllocator(HeapBytes.withMax(1024));
        ValidatingAllocator allocator = ValidatingAllocator.wrap(inner);
        int p = allocator.alloc(20);
        assertThat(allocator.heap()).isSameAs(inner.heap());
        assertThat(allocator.usableSize(p)).isEqualTo(24);
        assertThat(allocator.regions()).isEmpty();
        allocator.dealloc(Allocator.NULL);
        p = allocator.realloc(p, 60);
        allocator.dealloc(p);
        assertThat(allocator.validator().liveBlocks()).isZero();
    }

    @Property(tries = 100)
    void a_buggy_allocator_is_caught_by_some_program(@ForAll("bugs") Function<HeapBytes, Allocator> bug) {
        ValidatingAllocator allocator = ValidatingAllocator.wrap(bug.apply(HeapBytes.withMax(1 << 16)));
        List<Integer> program = List.of(24, 40, 16, 2000, -1, 32, -2, 8, -3, -4, 64, 64, -5, -6);
        assertThatThrownBy(() -> {
            drive(allocator, program);
            allocator.validator().checkLivePayloads();
        }).isInstanceOf(ValidationException.class);
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<Function<HeapBytes, Allocator>> bugs() {
        return net.jqwik.api.Arbitraries.of(List.of(BuggyAllocators::misaligned, BuggyAllocators::overlapping,
                BuggyAllocators::pastTheHeapEnd, BuggyAllocators::corruptsItsNeighbour,
                BuggyAllocators::reallocLosesThePrefix, BuggyAllocators::throwsOnBigSizes));
    }
}
