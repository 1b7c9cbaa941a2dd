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
    private int count;

    int size() {
        return count;
    }

    BlockRecord get(int address) {
        int mask = keys.length - 1;
        for (int slot = hash(address) & mask; values[slot] != null; slot = (slot + 1) & mask) {
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
        int slot = hash(address) & mask;
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
            int home = hash(keys[next]) & mask;
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
        int slot = hash(address) & mask;
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
        count = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldValues[i] != null) {
                insert(oldKeys[i], oldValues[i]);
            }
        }
        Arrays.fill(oldValues, null);
    }

    /**
     * Mixes every bit of the address into the low bits the table uses (MurmurHash3's 32-bit
     * finaliser): payload addresses are multiples of 8, so their own low bits are all zero.
     */
    private static int hash(int address) {
        int h = address;
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        h *= 0xC2B2AE35;
        return h ^ (h >>> 16);
    }
}
