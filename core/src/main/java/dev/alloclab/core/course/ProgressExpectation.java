package dev.alloclab.core.course;

import dev.alloclab.core.Checks;
import dev.alloclab.core.KitException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the kit's own build demands of a progress summary: the stubs must leave every exercise
 * "not started" (nothing passes, nothing fails), the solutions must finish every exercise (every
 * visible test passes, none is skipped). Run by the build after the tests:
 * {@code java ProgressExpectation target/alloclab-progress.json not-started}.
 */
public enum ProgressExpectation {
    /** Every exercise has tests and none of them passed or failed. */
    NOT_STARTED {
        @Override
        String problemWith(ExerciseProgress p) {
            if (p.total() == 0) {
                return "has no visible tests at all";
            }
            if (p.status() != ExerciseProgress.Status.NOT_STARTED) {
                return "is " + p.status().label() + " (" + p.passed() + " passed, " + p.failed()
                        + " failed): a stub must make every visible test skip with NotImplemented";
            }
            return null;
        }
    },
    /** Every exercise has tests and all of them passed: none failed, none skipped. */
    DONE {
        @Override
        String problemWith(ExerciseProgress p) {
            if (p.total() == 0) {
                return "has no visible tests at all";
            }
            if (p.status() != ExerciseProgress.Status.DONE) {
                return "is " + p.status().label() + " (" + p.failed() + " failed, " + p.notStarted()
                        + " skipped): a solution must pass every visible test with none skipped";
            }
            return null;
        }
    };

    abstract String problemWith(ExerciseProgress progress);

    /** The exercises that break this expectation, one sentence each; empty when it holds. */
    public List<String> problems(ProgressReport report) {
        Checks.notNull(report, "report");
        List<String> problems = new ArrayList<>();
        for (Exercise exercise : Curriculum.exercises()) {
            ExerciseProgress p = report.exercises().stream().filter(e -> e.exercise().equals(exercise))
                    .findFirst().orElse(ExerciseProgress.none(exercise));
            String problem = problemWith(p);
            if (problem != null) {
                problems.add("exercise " + exercise.id() + " " + problem);
            }
        }
        return problems;
    }

    /** Parses "not-started" or "done". */
    public static ProgressExpectation parse(String text) {
        for (ProgressExpectation e : values()) {
            if (e.name().toLowerCase(Locale.ROOT).replace('_', '-').equals(text)) {
                return e;
            }
        }
        throw new KitException("unknown progress expectation '" + text + "'. Use 'not-started' (stubs) or 'done' (solutions).");
    }

    /** Checks the summary file; throws a {@link KitException} listing every problem. */
    public static void check(Path summary, ProgressExpectation expectation) {
        Checks.notNull(summary, "summary");
        Checks.notNull(expectation, "expectation");
        String json;
        try {
            json = Files.readString(summary, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new KitException("cannot read the progress summary '" + summary + "' (" + e.getMessage()
                    + ").\n  The test run writes it; run the tests first.", e);
        }
        List<String> problems = expectation.problems(ProgressReport.fromJson(json));
        if (!problems.isEmpty()) {
            throw new KitException("the progress summary '" + summary + "' breaks the expectation '"
                    + expectation.name().toLowerCase(Locale.ROOT).replace('_', '-') + "':\n  - "
                    + String.join("\n  - ", problems));
        }
    }

    /** {@code ProgressExpectation SUMMARY_FILE not-started|done}; used by the build. */
    public static void main(String[] args) {
        if (args.length != 2) {
            throw new KitException("usage: ProgressExpectation SUMMARY_FILE not-started|done");
        }
        check(Path.of(args[0]), parse(args[1]));
        System.out.println("[alloclab] progress summary meets the expectation '" + args[1] + "'");
    }
}
