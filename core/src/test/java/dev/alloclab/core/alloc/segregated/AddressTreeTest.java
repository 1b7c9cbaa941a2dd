package dev.alloclab.core.alloc.segregated;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alloclab.core.memory.HeapBytes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The address tree answers exactly what a sorted map of the same blocks answers: the block just
 * below an address, and the lowest-addressed block of at least a size. Blocks sit 64 bytes apart
 * in a plain heap, each with its size in its header word as the allocator writes it.
 */
class AddressTreeTest {
    private static final int SPACING = 64;
    private static final int SLOTS = 512;

    /** Insert (or remove, if present) the block in slot {@code slot} with size {@code size}; then ask about {@code probe}. */
    record Step(int slot, int size, int probe) {
    }

    @Property(tries = 300)
    void every_answer_matches_a_sorted_map_of_the_same_blocks(@ForAll("programs") List<Step> program) {
        HeapBytes heap = HeapBytes.withMax(SPACING * (SLOTS + 1));
        heap.sbrk(SPACING * (SLOTS + 1));
        AddressTree tree = new AddressTree(heap);
        TreeMap<Integer, Integer> model = new TreeMap<>();
        int root = AddressTree.NONE;
        for (Step step : program) {
            int block = SPACING * (step.slot() + 1);                 // slot 0 stays NONE
            if (model.containsKey(block)) {
                root = tree.remove(root, block);
                model.remove(block);
            } else {
                heap.writeInt(block, step.size());
                root = tree.insert(root, block);
                model.put(block, step.size());
            }
            assertThat(tree.problems(root, new ArrayList<>(model.keySet()), new ArrayList<>())).as("after %s", step).isEmpty();
            int address = SPACING * step.probe() + 4;
            Integer below = model.lowerKey(address);
            assertThat(tree.predecessor(root, address)).as("block below %d", address)
                    .isEqualTo(below == null ? AddressTree.NONE : below);
            int wanted = step.size() + 8 * (step.probe() % 64) - 256;
            int fit = model.entrySet().stream().filter(e -> e.getValue() >= wanted).map(Map.Entry::getKey)
                    .findFirst().orElse(AddressTree.NONE);
            assertThat(tree.lowestFit(root, wanted)).as("lowest block of at least %d", wanted).isEqualTo(fit);
        }
    }

    @Test
    void blocks_inserted_in_address_order_make_a_shallow_tree() {
        // GIVEN 4,000 blocks inserted lowest first, the order a list is planted in
        int count = 4000;
        HeapBytes heap = HeapBytes.withMax(SPACING * (count + 1));
        heap.sbrk(SPACING * (count + 1));
        AddressTree tree = new AddressTree(heap);
        int root = AddressTree.NONE;
        List<Integer> blocks = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            heap.writeInt(SPACING * i, 136 + 8 * (i % 50));
            root = tree.insert(root, SPACING * i);
            blocks.add(SPACING * i);
        }
        // THEN the tree is sound and far from a list: its depth stays near that of a random tree (about 2 ln n = 17)
        assertThat(tree.problems(root, blocks, new ArrayList<>())).isEmpty();
        assertThat(depth(heap, root)).isLessThan(60);
    }

    private static int depth(HeapBytes heap, int node) {
        if (node == AddressTree.NONE) {
            return 0;
        }
        return 1 + Math.max(depth(heap, heap.readInt(node + AddressTree.LEFT)), depth(heap, heap.readInt(node + AddressTree.RIGHT)));
    }

    @Provide
    Arbitrary<List<Step>> programs() {
        Arbitrary<Integer> slots = Arbitraries.integers().between(0, SLOTS - 1);
        Arbitrary<Integer> sizes = Arbitraries.integers().between(17, 600).map(k -> 8 * k);
        Arbitrary<Integer> probes = Arbitraries.integers().between(0, SLOTS + 1);
        return Combinators.combine(slots, sizes, probes).as(Step::new).list().ofMinSize(1).ofMaxSize(300);
    }
}
