package dev.alloclab.companion;

import dev.alloclab.core.check.ValidationFailure;
import dev.alloclab.core.trace.ReplayReport;
import java.util.Optional;
import java.util.Set;

/**
 * Out of memory by design: the exercises whose rules make a correct answer run out of the heap's limit on some
 * traces, and why. A bump allocator never reuses a byte, and explicit-list's LIFO order coalesces only list
 * neighbours, so both run past 20 MiB on the kit's realloc-growth traces, the reference solutions included.
 * {@code measure} tells a learner so instead of calling their correct code broken and advising coalescing.
 *
 * <p>{@code MeasureCommandTest} replays the reference solutions and checks that the traces they run out on are
 * exactly {@link #REFERENCE_RUNS_OUT}: the set cannot go stale unnoticed.
 */
public final class PolicyLimits {
    /** The kit suite's traces the reference answers of these policies run out of the default 20 MiB on. */
    public static final Set<String> REFERENCE_RUNS_OUT = Set.of("realloc-growth-1.rep", "realloc-growth-2.rep");

    private PolicyLimits() {
    }

    /**
     * Why {@code variant} (a table's name: {@code your bump}, {@code your explicit-list (first-fit, lifo)}) of
     * {@code exerciseId} may run out of memory with correct code, or empty when nothing in its rules makes it.
     */
    public static Optional<String> why(String exerciseId, String variant) {
        if (exerciseId.equals("bump")) {
            return Optional.of("a bump allocator never reuses a byte (dealloc does nothing until reset), so a block "
                    + "grown by realloc a thousand times takes a new copy each time");
        }
        if (exerciseId.equals("explicit-list") && variant.endsWith(", lifo)")) {
            return Optional.of("in LIFO order a freed block is merged only with its list neighbours, so neighbours in "
                    + "the heap stay apart and a growing block rarely finds room (hint 3 of explicit-list.md)");
        }
        return Optional.empty();
    }

    /**
     * True when {@code report} failed only by running out of memory on a trace where the reference answer of the
     * same policy runs out too: measured on the kit's own suite ({@code kitSuiteAtDefaultLimit}) only, since on
     * other traces or limits the kit cannot tell the policy's limit from a leak.
     */
    public static boolean expected(String exerciseId, String variant, ReplayReport report, boolean kitSuiteAtDefaultLimit) {
        return kitSuiteAtDefaultLimit && why(exerciseId, variant).isPresent() && REFERENCE_RUNS_OUT.contains(report.trace())
                && report.failure().map(f -> f.kind() == ValidationFailure.Kind.OUT_OF_MEMORY).orElse(false);
    }
}
