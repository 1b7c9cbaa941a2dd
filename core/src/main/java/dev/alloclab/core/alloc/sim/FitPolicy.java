package dev.alloclab.core.alloc.sim;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Which free chunk a {@link FreeListSimulator} picks for a request, among the entries of its free
 * list that are big enough.
 *
 * <p>"Earliest" and "first" always mean <em>list</em> position, not address: with a list kept in
 * size or insertion order the two differ, and that difference is what the OSTEP homework asks
 * learners to predict.
 */
public enum FitPolicy {
    /** The first entry, in list order, that is big enough. Stops searching there. */
    FIRST,
    /** The smallest entry that is big enough; on a tie the earliest in the list. Searches the whole list. */
    BEST,
    /** The largest entry that is big enough; on a tie the earliest in the list. Searches the whole list. */
    WORST,
    /**
     * Like {@link #FIRST}, but the search starts at a rover instead of the list head and wraps
     * around. Not one of OSTEP's policies; {@link FreeListSimulator} documents where the rover
     * points.
     */
    NEXT;

    /** The kit's spelling: {@code first}, {@code best}, {@code worst}, {@code next}. */
    public String kitName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Reads a policy as the kit spells it ({@code best}, {@code best-fit}) or as OSTEP's
     * simulator does ({@code BEST}); case does not matter.
     *
     * @throws IllegalArgumentException with the accepted spellings when {@code text} names no policy
     */
    public static FitPolicy parse(String text) {
        String key = text == null ? "" : text.trim().toUpperCase(Locale.ROOT);
        if (key.endsWith("-FIT") || key.endsWith("_FIT")) {
            key = key.substring(0, key.length() - 4);
        }
        for (FitPolicy policy : values()) {
            if (policy.name().equals(key)) {
                return policy;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a fit policy. Use one of: "
                + Arrays.stream(values()).map(FitPolicy::kitName).collect(Collectors.joining(", ")) + ".");
    }
}
