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
 * The live-block table behaves like a map from payload address to block slot, through growth and removals,
 * and remembers the tag of the last block that started at each address.
 */
class BlockTablePropertiesTest {

    @Provide
    Arbitrary<List<Integer>> addresses() {
        // positive: put, negative: remove; few distinct keys so that removals hit and probe chains form
        return Arbitraries.integers().between(-300, 300).map(n -> n * 8).list().ofMinSize(50).ofMaxSize(600);
    }

    @Property(tries = 200)
    void the_table_agrees_with_a_hash_map_and_knows_nothing_between_granules(@ForAll("addresses") List<Integer> ops) {
        BlockTable table = new BlockTable();
        Map<Integer, BlockSlot> model = new HashMap<>();
        Map<Integer, Integer> lastTags = new HashMap<>();
        int puts = 0;
        for (int op : ops) {
            int address = Math.abs(op);
            if (op >= 0) {
                BlockSlot slot = new BlockSlot();
                slot.id = model.size() + 1;
                slot.from = address;
                slot.requestedSize = 8;
                slot.usableSize = 8;
                slot.allocatedOp = HeapEvent.Operation.ALLOC;
                slot.allocatedSize = 8;
                slot.allocatedSite = Site.UNKNOWN;
                slot.tag = 1 + puts++ % TaggedIndex.MAX_TAG;
                table.put(slot);
                model.put(address, slot);
                lastTags.put(address, slot.tag);
            } else {
                assertThat(table.remove(address)).isSameAs(model.remove(address));
            }
            assertThat(table.size()).isEqualTo(model.size());
        }
        for (int address = 0; address <= 4800; address += 8) {
            assertThat(table.get(address)).as("get(%d)", address).isSameAs(model.get(address));
            assertThat(table.get(address + 4)).as("get(%d), not a payload start", address + 4).isNull();
            assertThat(table.lastTagAt(address)).as("lastTagAt(%d)", address)
                    .isEqualTo(lastTags.getOrDefault(address, TaggedIndex.NO_TAG));
        }
        assertThat(table.inAddressOrder()).extracting(BlockRecord::from)
                .containsExactlyElementsOf(model.keySet().stream().sorted().toList());
    }
}
