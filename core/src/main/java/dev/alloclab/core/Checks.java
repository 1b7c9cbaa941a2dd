package dev.alloclab.core;

/**
 * Preconditions that return their argument, so a check fits in an assignment:
 * {@code this.max = Checks.positive(max, "maxBytes");}. Messages name the argument and the
 * rule it broke, never just the bad value.
 */
public final class Checks {
    private Checks() {
    }

    public static int positive(int value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0, but was " + value);
        }
        return value;
    }

    public static int notNegative(int value, String name) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be >= 0, but was " + value);
        }
        return value;
    }

    public static <T> T notNull(T value, String name) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        return value;
    }

    public static String notBlank(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
    }

    /** True if {@code value} is a multiple of {@code alignment}, which must be a power of two. */
    public static boolean isAligned(long value, int alignment) {
        return (value & (alignment - 1)) == 0;
    }

    /** Rounds {@code value} up to the next multiple of {@code alignment} (a power of two). */
    public static long alignUp(long value, int alignment) {
        return (value + alignment - 1) & -(long) alignment;
    }
}
