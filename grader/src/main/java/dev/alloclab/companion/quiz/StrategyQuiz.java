package dev.alloclab.companion.quiz;

import dev.alloclab.core.alloc.ReferenceAllocator;
import dev.alloclab.core.check.CheckedHeap;
import dev.alloclab.core.check.Violation;
import dev.alloclab.core.check.ViolationException;
import dev.alloclab.core.examples.DeallocStrategy;
import dev.alloclab.core.examples.ExampleRun;
import dev.alloclab.core.examples.WorkedExample;
import dev.alloclab.core.memory.HeapBytes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * "When should dealloc run?" on the worked example: the learner sees the program with its dealloc
 * lines placed one way and says what happens. The answer is found by running that placement on
 * the checked heap: a reported mistake names itself; of the placements that run clean, the one
 * with the smallest peak of bytes held is optimal and the others hold memory longer than needed
 * ({@code holds-too-long}). None of them is called a leak: the kit keeps that word for a block
 * still allocated when the program ends, which the checked heap reports.
 */
public final class StrategyQuiz {
    /** The choices, in the order the quiz lists them. */
    public static final List<String> OUTCOMES = List.of("holds-too-long", "optimal", "use-after-free", "double-free");
    private static final List<String> OUTCOME_TEXT = List.of(
            "holds-too-long: correct output and nothing leaks, but blocks are held longer than needed "
                    + "(memory grows while the program runs)",
            "optimal: correct output, each block freed right after its last use",
            "use-after-free: a block is read after it was given back",
            "double-free: a block is given back twice");

    private StrategyQuiz() {
    }

    /** What each placement does, by running it on the checked heap: an index into {@link #OUTCOMES}. */
    public static Map<DeallocStrategy, Integer> outcomes() {
        Map<DeallocStrategy, ExampleRun> runs = new EnumMap<>(DeallocStrategy.class);
        for (DeallocStrategy s : DeallocStrategy.values()) {
            runs.put(s, WorkedExample.run(s, CheckedHeap.over(ReferenceAllocator.firstFit(HeapBytes.withMax(4096)))));
        }
        int lowestPeak = runs.values().stream().filter(ExampleRun::finished).mapToInt(ExampleRun::peakLiveBytes)
                .min().orElse(0);
        Map<DeallocStrategy, Integer> outcomes = new EnumMap<>(DeallocStrategy.class);
        runs.forEach((strategy, run) -> outcomes.put(strategy, classify(run, lowestPeak)));
        return outcomes;
    }

    private static int classify(ExampleRun run, int lowestPeak) {
        if (run.stoppedBy().isPresent()) {
            if (run.stoppedBy().get() instanceof ViolationException v) {
                Violation.Kind kind = v.violation().kind();
                return kind == Violation.Kind.USE_AFTER_FREE ? 2 : kind == Violation.Kind.DOUBLE_FREE
                        || kind == Violation.Kind.DOUBLE_FREE_AFTER_REUSE ? 3 : 0;
            }
            return 3;
        }
        return run.peakLiveBytes() > lowestPeak ? 0 : 1;
    }

    /**
     * The page that shows what {@code example years --strategy S --checked} prints for a placement with this outcome:
     * the mistakes' reports are on docs/mistakes.md; a placement without a mistake has only the checked heap's
     * one-line "no mistakes" there, and its run (memory over time) is on chapter 3.
     */
    static String whereItIsShown(int outcome) {
        return outcome >= 2 ? "docs/mistakes.md shows its report"
                : "the checked heap finds no mistake; docs/03-when-to-dealloc.md shows its memory over time";
    }

    /** The four placements in an order drawn from {@code seed}, then "where should dealloc(years) go?". */
    public static List<Question> questions(long seed) {
        Map<DeallocStrategy, Integer> outcomes = outcomes();
        List<DeallocStrategy> order = new ArrayList<>(List.of(DeallocStrategy.values()));
        Collections.shuffle(order, new Random(seed));
        List<Question> questions = new ArrayList<>();
        List<String> choices = new ArrayList<>();
        for (int i = 0; i < OUTCOME_TEXT.size(); i++) {
            choices.add((i + 1) + ". " + OUTCOME_TEXT.get(i));
        }
        for (DeallocStrategy strategy : order) {
            List<String> shown = new ArrayList<>(program(strategy));
            shown.add("");
            shown.addAll(choices);
            questions.add(Question.choice(shown, "What happens when it runs? (number or word)", OUTCOMES,
                    outcomes.get(strategy), "This placement is '" + strategy.cliName() + "': " + strategy.description()
                            + ".\n  See it run in the full kit: alloclab example years --strategy " + strategy.cliName()
                            + " --checked (" + whereItIsShown(outcomes.get(strategy)) + ")"));
        }
        List<String> places = new ArrayList<>();
        List<String> shown = new ArrayList<>(List.of("Where should dealloc(years) go?"));
        int optimal = 0;
        for (DeallocStrategy strategy : DeallocStrategy.values()) {
            if (outcomes.get(strategy) == 1) {
                optimal = places.size();
            }
            shown.add((places.size() + 1) + ". " + placement(strategy));
            places.add(strategy.cliName());
        }
        questions.add(Question.choice(shown, "Your choice (number or strategy name)?", places, optimal,
                "Free a block right after its last use: years is last read by findHighestYear, so dealloc(years) "
                        + "goes right after it. Earlier is a use-after-free, later holds the bytes for nothing, "
                        + "twice is a double free."));
        return questions;
    }

    static String placement(DeallocStrategy strategy) {
        return switch (strategy) {
            case AT_END -> "after the loop, just before \"All done!\"";
            case AFTER_LAST_USE -> "right after highest = findHighestYear(years)";
            case TOO_EARLY -> "right after years = getYears()";
            case TWICE -> "right after findHighestYear(years), and again at the start of the next round";
        };
    }

    /** The worked example with the dealloc lines where {@code strategy} puts them. */
    public static List<String> program(DeallocStrategy strategy) {
        List<String> lines = new ArrayList<>();
        lines.add("for round in 1..3:");
        lines.add("    years     = getYears()              // alloc(20): 1995 2000 2005 2010 2015");
        if (strategy == DeallocStrategy.TOO_EARLY) {
            lines.add("    dealloc(years)");
        }
        if (strategy == DeallocStrategy.TWICE) {
            lines.add("    if round > 1: dealloc(previousYears)");
        }
        lines.add("    countdown = getCountdown()          // alloc(20): 5 4 3 2 1");
        lines.add("    highest   = findHighestYear(years)  // reads the five years");
        if (strategy == DeallocStrategy.AFTER_LAST_USE || strategy == DeallocStrategy.TWICE) {
            lines.add("    dealloc(years)");
        }
        lines.add("    print highest, countdown");
        if (strategy == DeallocStrategy.AT_END) {
            lines.add("    keep years and countdown in a list for later");
        } else {
            lines.add("    dealloc(countdown)");
        }
        if (strategy == DeallocStrategy.TWICE) {
            lines.add("    previousYears = years");
        }
        if (strategy == DeallocStrategy.AT_END) {
            lines.add("dealloc every vec in the list");
        }
        lines.add("print \"All done!\"");
        return lines;
    }
}
