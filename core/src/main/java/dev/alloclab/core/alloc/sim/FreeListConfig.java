package dev.alloclab.core.alloc.sim;

import dev.alloclab.core.Checks;

/**
 * The settings of a {@link FreeListSimulator}, the same knobs as OSTEP's free-space homework
 * simulator.
 *
 * <pre>{@code
 * FreeListConfig config = FreeListConfig.builder()
 *         .policy(FitPolicy.FIRST)
 *         .order(ListOrder.INSERT_FRONT)
 *         .coalescing(true)
 *         .headerSize(4)
 *         .alignment(4)
 *         .base(1000)
 *         .size(100)
 *         .build();
 * }</pre>
 *
 * <p>The builder starts from OSTEP's defaults: best fit, address order, no coalescing, no header,
 * no alignment, a 100-byte heap at address 1000.
 *
 * @param policy which fitting entry an allocation takes
 * @param order where a freed chunk goes in the list
 * @param coalescing whether a free merges list neighbours that touch
 * @param headerSize bytes of header counted inside every allocated chunk ({@code >= 0})
 * @param alignment requests are rounded up to a multiple of this ({@code >= 1}; 1 means no
 *     alignment, which is what OSTEP's {@code -a -1} does; need not be a power of two)
 * @param base the address of the first byte of the heap ({@code >= 0})
 * @param size the heap's initial size in bytes ({@code >= 0}); the whole heap starts as one free chunk
 */
public record FreeListConfig(FitPolicy policy, ListOrder order, boolean coalescing, int headerSize,
        int alignment, int base, int size) {

    /** OSTEP's default heap base. */
    public static final int OSTEP_BASE = 1000;
    /** OSTEP's default heap size. */
    public static final int OSTEP_SIZE = 100;

    public FreeListConfig {
        Checks.notNull(policy, "policy");
        Checks.notNull(order, "order");
        Checks.notNegative(headerSize, "headerSize");
        Checks.positive(alignment, "alignment (1 means no alignment)");
        Checks.notNegative(base, "base");
        Checks.notNegative(size, "size");
        if ((long) base + size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("base + size must be at most " + Integer.MAX_VALUE
                    + ", but " + base + " + " + size + " is more");
        }
    }

    /** A builder that starts from OSTEP's defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder that starts from this configuration. */
    public Builder toBuilder() {
        return new Builder().policy(policy).order(order).coalescing(coalescing).headerSize(headerSize)
                .alignment(alignment).base(base).size(size);
    }

    @Override
    public String toString() {
        return policy.kitName() + " fit, " + order.kitName() + " order, coalescing " + (coalescing ? "on" : "off")
                + ", header " + headerSize + ", alignment " + alignment + ", heap [" + base + ", " + (base + size) + ")";
    }

    /** Builds a {@link FreeListConfig}; each step checks nothing, {@link #build()} checks everything. */
    public static final class Builder {
        private FitPolicy policy = FitPolicy.BEST;
        private ListOrder order = ListOrder.ADDRESS;
        private boolean coalescing;
        private int headerSize;
        private int alignment = 1;
        private int base = OSTEP_BASE;
        private int size = OSTEP_SIZE;

        private Builder() {
        }

        public Builder policy(FitPolicy value) {
            this.policy = value;
            return this;
        }

        public Builder order(ListOrder value) {
            this.order = value;
            return this;
        }

        public Builder coalescing(boolean value) {
            this.coalescing = value;
            return this;
        }

        public Builder headerSize(int value) {
            this.headerSize = value;
            return this;
        }

        public Builder alignment(int value) {
            this.alignment = value;
            return this;
        }

        public Builder base(int value) {
            this.base = value;
            return this;
        }

        public Builder size(int value) {
            this.size = value;
            return this;
        }

        public FreeListConfig build() {
            return new FreeListConfig(policy, order, coalescing, headerSize, alignment, base, size);
        }
    }
}
