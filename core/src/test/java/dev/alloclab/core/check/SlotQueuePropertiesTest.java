package dev.alloclab.core.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The ring of slot numbers behind the checked heap's quarantine, history and spare slots behaves like an
 * {@link ArrayDeque} used from both ends, also when it wraps around and when it grows.
 */
class SlotQueuePropertiesTest {

    @Provide
    Arbitrary<List<Integer>> operations() {
        // 0..5 add the number (more adds than takes, so the ring fills and grows), 6..7 take the oldest, 8 the newest
        return Arbitraries.integers().between(0, 8).list().ofMinSize(1).ofMaxSize(400);
    }

    @Property(tries = 300)
    void the_queue_agrees_with_an_array_deque_from_both_ends(@ForAll("operations") List<Integer> operations,
                                                             @ForAll @IntRange(min = 0, max = 20) int expected) {
        SlotQueue queue = new SlotQueue(expected);
        ArrayDeque<Integer> model = new ArrayDeque<>();
        int next = 0;
        for (int op : operations) {
            if (op <= 5) {
                queue.addLast(next);
                model.addLast(next++);
            } else if (!model.isEmpty()) {
                assertThat(op == 8 ? queue.removeLast() : queue.removeFirst())
                        .isEqualTo(op == 8 ? model.removeLast() : model.removeFirst());
            }
            assertThat(queue.size()).isEqualTo(model.size());
        }
        assertThat(queue.isEmpty()).isEqualTo(model.isEmpty());
        int i = 0;
        for (int slot : model) {
            assertThat(queue.get(i)).as("get(%d), oldest first", i).isEqualTo(slot);
            i++;
        }
    }

    @Test
    void taking_from_an_empty_queue_is_a_bug_in_the_checked_heap_and_says_so() {
        // GIVEN an empty queue
        SlotQueue queue = new SlotQueue(4);
        // WHEN the heap takes from it THEN it fails at once instead of handing out a stale slot number
        assertThatThrownBy(queue::removeFirst).hasMessageContaining("empty queue");
        assertThatThrownBy(queue::removeLast).hasMessageContaining("empty queue");
        assertThatThrownBy(() -> queue.get(0)).hasMessageContaining("expected: 0 <= i < size");
    }
}
