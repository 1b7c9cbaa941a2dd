package dev.alloclab.hidden.explicitlist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alloclab.core.alloc.Allocator;
import dev.alloclab.core.alloc.ReferenceAllocator;
import dev.alloclab.core.alloc.sim.FitPolicy;
import dev.alloclab.core.alloc.sim.ListOrder;
import dev.alloclab.core.memory.HeapBytes;
import dev.alloclab.core.trace.ReplayReport;
import dev.alloclab.exercises.explicitlist.ExplicitFreeListAllocator;
import dev.alloclab.exercises.explicitlist.FreeListOrder;
import dev.alloclab.exercises.explicitlist.Placement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ExplicitListHiddenTest {
    private static ExplicitFreeListAllocator make(Placement p, FreeListOrder o) {
        return new ExplicitFreeListAllocator(HeapBytes.withMax(1 << 22), p, o);
    }

    @Test
    void first_fit_in_address_order_takes_the_lowest_free_block() {
        ExplicitFreeListAllocator a = make(Placement.FIRST_FIT, FreeListOrder.ADDRESS);
        int x = a.alloc(64);
        a.alloc(8);
        int y = a.alloc(64);
        a.alloc(8);
        a.dealloc(y);
        a.dealloc(x);
        assertThat(a.alloc(64)).as("first fit, address order: alloc(64) after freeing two 64-byte blocks, the one "
                + "at %d and then the one at %d: the list is sorted by address, so the lower block (%d) comes first",
                y, x, x).isEqualTo(x);
        assertThat(a.alloc(64)).as("first fit, address order: the next alloc(64) takes the other freed block (%d)", y)
                .isEqualTo(y);
    }

    @Test
    void first_fit_in_lifo_order_takes_the_block_freed_last() {
        ExplicitFreeListAllocator a = make(Placement.FIRST_FIT, FreeListOrder.LIFO);
        int x = a.alloc(64);
        a.alloc(8);
        int y = a.alloc(64);
        a.alloc(8);
        a.dealloc(x);
        a.dealloc(y);
        assertThat(a.alloc(64)).as("first fit, LIFO order: alloc(64) after freeing the 64-byte block at %d and then "
                + "the one at %d: a freed block goes to the front of the list, so the last freed (%d) comes first",
                x, y, y).isEqualTo(y);
        assertThat(a.alloc(64)).as("first fit, LIFO order: the next alloc(64) takes the other freed block (%d)", x)
                .isEqualTo(x);
    }

    @Test
    void best_fit_takes_the_smallest_block_that_fits() {
        ExplicitFreeListAllocator a = make(Placement.BEST_FIT, FreeListOrder.ADDRESS);
        int big = a.alloc(256);
        a.alloc(8);
        int small = a.alloc(64);
        a.alloc(8);
        a.dealloc(big);
        a.dealloc(small);
        assertThat(a.alloc(60)).as("best fit: alloc(60) after freeing a 256-byte block (at %d) and a 64-byte one "
                + "(at %d): the smallest free block that fits is taken, even though the bigger one comes first", big,
                small).isEqualTo(small);
        assertThat(a.alloc(60)).as("best fit: the next alloc(60) takes the 256-byte block at %d, the only free one "
                + "left", big).isEqualTo(big);
    }

    @Test
    void neighbours_are_coalesced_at_once() {
        for (FreeListOrder order : new FreeListOrder[] {FreeListOrder.ADDRESS}) { // LIFO merges only list neighbours (the reference simulator's rule)
            ExplicitFreeListAllocator a = make(Placement.FIRST_FIT, order);
            int x = a.alloc(64);
            int y = a.alloc(64);
            int z = a.alloc(64);
            a.alloc(8);
            a.dealloc(x);
            a.dealloc(z);
            a.dealloc(y);
            int sizeBefore = a.heap().size();
            assertThat(a.alloc(3 * 64)).as("three freed neighbours (%s order) hold one block of 192", order).isEqualTo(x);
            assertThat(a.heap().size()).as("heap().size() after that alloc(192): the merged block serves it, so the "
                    + "heap must not grow").isEqualTo(sizeBefore);
        }
    }

    @Test
    void every_policy_and_order_passes_the_random_workout() {
        for (Placement p : Placement.values()) {
            for (FreeListOrder o : FreeListOrder.values()) {
                for (long seed = 1; seed <= 2; seed++) {
                    Workout.checked(make(p, o), Workout.random(p + "/" + o + "/" + seed, seed, 600, 300, true));
                }
            }
        }
    }

    @Test
    void freed_space_is_reused_before_the_heap_grows() {
        ExplicitFreeListAllocator a = make(Placement.FIRST_FIT, FreeListOrder.ADDRESS);
        ReplayReport r = Workout.checked(a, Workout.random("reuse", 7, 2000, 64, false));
        assertThat(r.utilization()).as("utilization (peak live payload / heap size) after 2000 random alloc "
                + "and free of 1..64 bytes, first fit in address order: freed blocks must be reused (split and "
                + "coalesced) before the heap grows, so it stays above 0.45").isGreaterThan(0.45);
    }

    /** The reference allocator configured as the exercise asks: same policy, same order, coalescing on. */
    private static ReferenceAllocator reference(Placement p, FreeListOrder o) {
        FitPolicy policy = switch (p) {
            case FIRST_FIT -> FitPolicy.FIRST;
            case BEST_FIT -> FitPolicy.BEST;
            case NEXT_FIT -> FitPolicy.NEXT;
        };
        ListOrder order = o == FreeListOrder.ADDRESS ? ListOrder.ADDRESS : ListOrder.INSERT_FRONT;
        return ReferenceAllocator.builder(HeapBytes.withMax(1 << 22)).policy(policy).order(order).coalescing(true).build();
    }

    @Test
    void every_policy_and_order_hands_out_the_reference_allocators_indexes() {
        for (Placement p : Placement.values()) {
            for (FreeListOrder o : FreeListOrder.values()) {
                for (long seed = 1; seed <= 3; seed++) {
                    ExplicitFreeListAllocator yours = make(p, o);
                    ReferenceAllocator expected = reference(p, o);
                    Random random = new Random(seed);
                    List<Integer> live = new ArrayList<>();
                    StringBuilder ops = new StringBuilder();
                    for (int i = 0; i < 400; i++) {
                        if (live.isEmpty() || random.nextInt(10) < 6) {
                            int size = 1 + random.nextInt(random.nextBoolean() ? 64 : 400);
                            int want = expected.alloc(size);
                            int got = yours.alloc(size);
                            ops.append(" alloc(").append(size).append(")");
                            assertThat(got).as("%s, %s order, after%s: the reference allocator returns %d",
                                    p, o, tail(ops), want).isEqualTo(want);
                            live.add(got);
                        } else {
                            int index = live.remove(random.nextInt(live.size()));
                            expected.dealloc(index);
                            yours.dealloc(index);
                            ops.append(" dealloc(").append(index).append(")");
                        }
                    }
                    assertThat(yours.heap().size()).as("%s, %s order: heap size after 400 operations", p, o)
                            .isEqualTo(expected.heap().size());
                }
            }
        }
    }

    /** The last few operations, enough to replay the case by hand. */
    private static String tail(StringBuilder ops) {
        return ops.length() <= 240 ? ops.toString() : " ..." + ops.substring(ops.length() - 240);
    }

    @Test
    void requests_close_to_integer_max_value_return_null() {
        for (Placement p : Placement.values()) {
            for (FreeListOrder o : FreeListOrder.values()) {
                ExplicitFreeListAllocator a = new ExplicitFreeListAllocator(HeapBytes.withMax(1 << 16), p, o);
                a.alloc(24);
                String setting = "with " + p + ", " + o + " order, after alloc(24) on a heap of at most 64 KiB";
                for (int huge : HugeRequests.SIZES) {
                    assertThat(HugeRequests.alloc(a, huge, setting)).as("alloc(%d), close to Integer.MAX_VALUE, %s: no "
                            + "block that big fits, so NULL (-1). %s", huge, setting, HugeRequests.ADVICE)
                            .isEqualTo(Allocator.NULL);
                }
                assertThat(a.alloc(8)).as("alloc(8) %s and the NULL answers to requests close to Integer.MAX_VALUE: "
                        + "a small block still fits, so not NULL", setting).isNotEqualTo(Allocator.NULL);
            }
        }
    }
}
