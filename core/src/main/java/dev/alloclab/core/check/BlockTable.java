package dev.alloclab.core.check;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The live blocks by payload address: an open-addressing hash table with {@code int} keys, so
 * that alloc and dealloc find a block without boxing an {@code Integer} or walking a tree.
 * Linear probing; removal shifts the following entries back, so no tombstones pile up.
 */
final class BlockTable {
    private int[] keys = new int[64];
    private BlockRecord[] values = new BlockRecord[64];
    /** 32 - log2(capacity): {@link #hash} keeps the top bits of the product. */
    private int shift = 32 - 6;
    private int count;

    int size() {
        return count;
    }

    BlockRecord get(int address) {
        int mask = keys.length - 1;
        for (int slot = hash(address); values[slot] != null; slot = (slot + 1) & mask) {
            if (keys[slot] == address) {
                return values[slot];
            }
        }
        return null;
    }

    void put(BlockRecord record) {
        if ((count + 1) * 2 > keys.length) {
            resize(keys.length * 2);
        }
        insert(record.from(), record);
    }

    BlockRecord remove(int address) {
        int mask = keys.length - 1;
        int slot = hash(address);
        while (values[slot] != null && keys[slot] != address) {
            slot = (slot + 1) & mask;
        }
        BlockRecord removed = values[slot];
        if (removed == null) {
            return null;
        }
        values[slot] = null;
        count--;
        // shift back every following entry whose home slot is not between the hole and itself
        for (int next = (slot + 1) & mask; values[next] != null; next = (next + 1) & mask) {
            int home = hash(keys[next]);
            boolean stays = slot <= next ? (slot < home && home <= next) : (slot < home || home <= next);
            if (!stays) {
                keys[slot] = keys[next];
                values[slot] = values[next];
                values[next] = null;
                slot = next;
            }
        }
        return removed;
    }

    /** Every live block, in address order (for reports, never on the happy path). */
    List<BlockRecord> inAddressOrder() {
        List<BlockRecord> all = new ArrayList<>(count);
        for (BlockRecord value : values) {
            if (value != null) {
                all.add(value);
            }
        }
        all.sort(Comparator.comparingInt(BlockRecord::from));
        return all;
    }

    private void insert(int address, BlockRecord record) {
        int mask = keys.length - 1;
        int slot = hash(address);
        while (values[slot] != null && keys[slot] != address) {
            slot = (slot + 1) & mask;
        }
        if (values[slot] == null) {
            count++;
        }
        keys[slot] = address;
        values[slot] = record;
    }

    private void resize(int capacity) {
        int[] oldKeys = keys;
        BlockRecord[] oldValues = values;
        keys = new int[capacity];
        values = new BlockRecord[capacity];
        shift = 32 - Integer.numberOfTrailingZeros(capacity);
        count = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldValues[i] != null) {
                insert(oldKeys[i], oldValues[i]);
            }
        }
        Arrays.fill(oldValues, null);
    }

    /**
     * Fibonacci hashing: the address times 2^32 / golden ratio, keeping the top bits. Payload
     * addresses are multiples of 8, so their own low bits would all land in the same slots; the
     * product's top bits depend on every bit of the address. One multiplication, no table.
     */
    private int hash(int address) {
        return (address * 0x9E3779B9) >>> shift;
    }
}
