package dev.alloclab.companion.quiz;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Operation lists for the free-space quiz: parsed from {@code --ops +10,+20,-0,+5}, or drawn at
 * random from a seed (the same seed gives the same list on every machine).
 */
public final class FreeSpaceOps {
    /** Largest request the random mode makes, as OSTEP's {@code -r} default. */
    public static final int RANDOM_MAX_SIZE = 10;
    /** Percent of random operations that allocate (when something could be freed), as OSTEP's {@code -P} default. */
    public static final int RANDOM_ALLOC_PERCENT = 50;

    private FreeSpaceOps() {
    }

    /**
     * Parses a comma-separated list such as {@code +10,+20,-0,+5}. A free must name an allocation
     * that comes before it.
     *
     * @throws IllegalArgumentException naming the item and what to write instead
     */
    public static List<FreeSpaceOp> parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("--ops is empty. Write operations like +10,+20,-0,+5: "
                    + "+N allocates N bytes, -K frees what the K-th allocation (from 0) returned.");
        }
        List<FreeSpaceOp> ops = new ArrayList<>();
        int allocations = 0;
        String[] items = text.split(",");
        for (int i = 0; i < items.length; i++) {
            String item = items[i].trim();
            if (!item.matches("[+-]\\d{1,9}")) {
                throw new IllegalArgumentException("--ops item " + (i + 1) + " '" + item + "' is not an operation. "
                        + "Write +N to allocate N bytes or -K to free the K-th allocation (counting from 0), "
                        + "e.g. +10,+20,-0,+5.");
            }
            int value = Integer.parseInt(item.substring(1));
            if (item.charAt(0) == '+') {
                ops.add(FreeSpaceOp.alloc(value));
                allocations++;
            } else {
                if (value >= allocations) {
                    throw new IllegalArgumentException("--ops item " + (i + 1) + " '" + item + "' frees allocation "
                            + value + ", but only " + allocations + " allocation(s) (numbered 0.."
                            + (allocations - 1) + ") come before it. A free names an earlier +N by its number.");
                }
                ops.add(FreeSpaceOp.free(value));
            }
        }
        return List.copyOf(ops);
    }

    /**
     * {@code count} random operations from {@code seed}: an allocation of 1..{@value #RANDOM_MAX_SIZE}
     * bytes, or (about half the time, when some allocation is still live) a free of a live one.
     */
    public static List<FreeSpaceOp> random(int count, long seed) {
        if (count < 1) {
            throw new IllegalArgumentException("--random " + count + ": ask for at least 1 operation.");
        }
        SplittableRandom random = new SplittableRandom(seed);
        List<FreeSpaceOp> ops = new ArrayList<>();
        List<Integer> live = new ArrayList<>();
        int allocations = 0;
        for (int i = 0; i < count; i++) {
            if (live.isEmpty() || random.nextInt(100) < RANDOM_ALLOC_PERCENT) {
                ops.add(FreeSpaceOp.alloc(1 + random.nextInt(RANDOM_MAX_SIZE)));
                live.add(allocations++);
            } else {
                ops.add(FreeSpaceOp.free(live.remove(random.nextInt(live.size()))));
            }
        }
        return List.copyOf(ops);
    }

    /** The list as {@code --ops} spells it. */
    public static String text(List<FreeSpaceOp> ops) {
        return String.join(",", ops.stream().map(FreeSpaceOp::text).toList());
    }
}
