package dev.alloclab.core.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The live-block table behaves like a map from payload address to slot number, through growth and removals,
 * remembers the tag of the last block that started at each address, and finds live blocks in a range.
 */
class BlockTablePropertiesTest {

    @Provide
    Arbitrary<List<Integer>> addresses() {
        // positive: put, negative: remove; few distinct keys so that removals hit and probe chains form
        return Arbitraries.integers().between(-300, 300).map(n -> n * 8).list().ofMinSize(50).ofMaxSize(600);
    }

    @Property(tries = 200)
    void the_table_agrees_with_a_hash_map_and_knows_nothing_between_granules(@ForAll("addresses") List<Integer> ops) {
        BlockSlots slots = new BlockSlots(4);
        BlockTable table = new BlockTable(slots);
        Map<Integer, Integer> model = new HashMap<>();
        Map<Integer, Integer> lastTags = new HashMap<>();
        int puts = 0;
        for (int op : ops) {
            int address = Math.abs(op);
            if (op >= 0) {
                int slot = slots.make();
                slots.start(slot, model.size() + 1, address, 8, 8, 1 + puts++ % TaggedIndex.MAX_TAG);
                slots.allocated(slot, HeapEvent.Operation.ALLOC, -1, 8, 1, Site.UNKNOWN, -1);
                table.put(slot);
                model.put(address, slot);
                lastTags.put(address, slots.tag(slot));
            } else {
                assertThat(table.remove(address)).isEqualTo(model.getOrDefault(address, BlockSlots.NONE));
                model.remove(address);
            }
            assertThat(table.size()).isEqualTo(model.size());
        }
        for (int address = 0; address <= 4800; address += 8) {
            assertThat(table.get(address)).as("get(%d)", address).isEqualTo(model.getOrDefault(address, BlockSlots.NONE));
            assertThat(table.get(address + 4)).as("get(%d), not a payload start", address + 4).isEqualTo(BlockSlots.NONE);
            assertThat(table.lastTagAt(address)).as("lastTagAt(%d)", address)
                    .isEqualTo(lastTags.getOrDefault(address, TaggedIndex.NO_TAG));
            assertThat(table.anyLiveIn(address, address + 24)).as("anyLiveIn(%d, %d)", address, address + 24)
                    .isEqualTo(model.containsKey(address) || model.containsKey(address + 8) || model.containsKey(address + 16));
            assertThat(table.anyLiveIn(address + 1, address + 8)).as("anyLiveIn(%d, %d): no granule starts there",
                    address + 1, address + 8).isFalse();
        }
        assertThat(table.inAddressOrder()).extracting(BlockRecord::from)
                .containsExactlyElementsOf(model.keySet().stream().sorted().toList());
    }
}
