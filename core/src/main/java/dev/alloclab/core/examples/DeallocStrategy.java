package dev.alloclab.core.examples;

import dev.alloclab.core.Checks;
import dev.alloclab.core.KitException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Where the worked example puts its {@code dealloc} calls: the four strategies of the text. */
public enum DeallocStrategy {
    /** Every vec is deallocated only when the program ends: correct, but memory only grows while it runs. */
    AT_END("at-end", "deallocate everything when the program ends (memory only grows while it runs)"),
    /** Each vec is deallocated right after its last use: the optimal placement. */
    AFTER_LAST_USE("after-last-use", "deallocate each vec right after its last use (optimal)"),
    /** years is deallocated before findHighestYear reads it: a use-after-free. */
    TOO_EARLY("too-early", "deallocate years before findHighestYear reads it (use-after-free)"),
    /** years is deallocated after its last use and once more a round later: a double free. */
    TWICE("twice", "deallocate years after its last use, and again one round later (double free)");

    private final String cliName;
    private final String description;

    DeallocStrategy(String cliName, String description) {
        this.cliName = cliName;
        this.description = description;
    }

    /** The name the command line uses: {@code at-end}, {@code after-last-use}, {@code too-early}, {@code twice}. */
    public String cliName() {
        return cliName;
    }

    public String description() {
        return description;
    }

    /** The strategy called {@code name} on the command line, or a sentence listing the names. */
    public static DeallocStrategy fromCliName(String name) {
        Checks.notNull(name, "name");
        for (DeallocStrategy strategy : values()) {
            if (strategy.cliName.equals(name.toLowerCase(Locale.ROOT))) {
                return strategy;
            }
        }
        throw new KitException("there is no strategy '" + name + "'. Choose one of: "
                + Arrays.stream(values()).map(DeallocStrategy::cliName).collect(Collectors.joining(", ")) + ".");
    }
}
