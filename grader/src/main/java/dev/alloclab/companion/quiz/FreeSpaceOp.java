package dev.alloclab.companion.quiz;

/**
 * One operation of OSTEP's free-space homework: {@code +N} allocates N bytes, {@code -K} frees the
 * chunk that the K-th allocation (counting from 0, failed ones included) returned.
 *
 * @param allocation true for {@code +N}, false for {@code -K}
 * @param value N (bytes) for an allocation, K (which allocation) for a free
 */
public record FreeSpaceOp(boolean allocation, int value) {
    public FreeSpaceOp {
        if (value < 0) {
            throw new IllegalArgumentException("an operation's number must be >= 0, but it is " + value);
        }
    }

    public static FreeSpaceOp alloc(int size) {
        return new FreeSpaceOp(true, size);
    }

    public static FreeSpaceOp free(int allocationNumber) {
        return new FreeSpaceOp(false, allocationNumber);
    }

    /** The spelling of {@code --ops}: {@code +10} or {@code -0}. */
    public String text() {
        return (allocation ? "+" : "-") + value;
    }

    @Override
    public String toString() {
        return text();
    }
}
