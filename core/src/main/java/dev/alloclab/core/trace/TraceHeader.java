package dev.alloclab.core.trace;

/**
 * The four integers a {@code .rep} file starts with.
 *
 * <p>Two layouts are in circulation: the classic handout's (suggested heap size, number of ids,
 * number of operations, weight) and a later one (weight, number of ids, number of operations,
 * unused). Only the middle two mean the same in both, so only they are used; the outer two are
 * kept as read so a trace can be written back unchanged.
 *
 * @param first the first field (a heap size hint or a weight; never relied on)
 * @param idCount how many block ids the trace uses: ids run from 0 to {@code idCount - 1}
 * @param opCount how many operations the header announces
 * @param last the fourth field (a weight or unused; never relied on)
 */
public record TraceHeader(long first, int idCount, int opCount, long last) {
    /** The layout alloclab writes: hint, ids, ops, weight 1. */
    public static TraceHeader of(long heapHint, int idCount, int opCount) {
        return new TraceHeader(heapHint, idCount, opCount, 1);
    }
}
