package dev.alloclab.companion;

import dev.alloclab.companion.review.ReviewFlag;
import dev.alloclab.core.course.Exercise;
import dev.alloclab.core.course.ExerciseProgress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the check of one exercise found ({@link ExerciseCheck}), and the lines a workflow log shows for it.
 *
 * <p>The pass rule is the one GitHub Classroom applied before (with {@code passed.sh} after {@code mvn test}): the
 * exercise's visible tests compiled and ran, none failed, and none was skipped as "not started". A stub's tests are
 * skipped, not failed, so "nothing failed" alone would give points for untouched stubs. And, as the grader withholds
 * the hidden tests' points from an answer that calls the kit's own allocators (the tests then measured the kit's code),
 * the check does not pass one either, and shows the grader's {@code review:} lines.
 *
 * @param exercise      the exercise checked
 * @param compileErrors the compiler's messages ({@code file:line: message}); when there are any, no test ran
 * @param progress      how many visible tests passed, failed and were "not started"
 * @param failures      one line per failed visible test: {@code exercise: test: first line of the message}
 * @param toWrite       the methods the "not started" tests reached, one line each
 * @param notes         lines the report ends with whatever the verdict, such as a visible test the student changed
 *                      ({@link VisibleTestCopies})
 * @param firstReport   the first failure's full report, when its message has several lines (a checked heap's
 *                      report, a lockstep's): its lines, bullet included, shown instead of its one line
 *                      ({@link TestRunResult#shown}); empty otherwise
 * @param review        what the grader's review ({@link dev.alloclab.companion.review.CodeReview}) flags in the
 *                      exercise's main code: shown as the grader's {@code review:} lines, and a call to the kit's own
 *                      answer costs the points here as it does there
 */
public record CheckResult(Exercise exercise, List<String> compileErrors, ExerciseProgress progress,
        List<String> failures, List<String> toWrite, List<String> notes, List<String> firstReport,
        List<ReviewFlag> review) {
    /** How many compile errors, failing tests or methods to write the report lists before "... and N more". */
    public static final int MAX_LINES = 10;
    /** How a "not started" test's message begins; under "methods to write:" it would only repeat the heading. */
    private static final String NOT_STARTED_PREFIX = ProgressCounter.NOT_STARTED_PREFIX;

    /** The outcome, in the order the pass rule looks at it. */
    public enum Verdict {
        /** Every visible test ran and passed. */
        PASSES,
        /** The exercise's code, its visible tests or the shared code does not compile: no test ran. */
        DOES_NOT_COMPILE,
        /** It compiled, but no visible test of the exercise was found. */
        NO_TESTS,
        /** At least one visible test fails. */
        FAILS,
        /** No visible test passed yet: every one reached a method that still throws NotImplemented. */
        NOT_STARTED,
        /** Some visible tests pass, others are still "not started". */
        NOT_FINISHED,
        /**
         * Every visible test passes, but the main code calls the kit's own answer ({@link ReviewFlag.Kind#KIT_ANSWER}):
         * the tests measured the kit's code, and the grader withholds the points.
         */
        KIT_ANSWER
    }

    public CheckResult {
        compileErrors = List.copyOf(compileErrors);
        failures = List.copyOf(failures);
        toWrite = List.copyOf(toWrite);
        notes = List.copyOf(notes);
        firstReport = List.copyOf(firstReport);
        review = List.copyOf(review);
    }

    /** This result with {@code more} notes at its end. */
    CheckResult withNotes(List<String> more) {
        List<String> all = new ArrayList<>(notes);
        all.addAll(more);
        return new CheckResult(exercise, compileErrors, progress, failures, toWrite, all, firstReport, review);
    }

    /** This result with the review's flags of the exercise's main code. */
    CheckResult withReview(List<ReviewFlag> flags) {
        return new CheckResult(exercise, compileErrors, progress, failures, toWrite, notes, firstReport, flags);
    }

    /** How the kit's reports (checked heap, validator, harness) begin their advice. */
    private static final String ADVICE = "What to do:";

    /** A check that stopped at the compiler. */
    static CheckResult didNotCompile(Exercise exercise, List<String> errors) {
        return new CheckResult(exercise, errors, ExerciseProgress.none(exercise), List.of(), List.of(), List.of(),
                List.of(), List.of());
    }

    /** A check whose tests ran: {@code run}'s counts of {@code exercise}. */
    static CheckResult ran(Exercise exercise, TestRunResult run) {
        String prefix = exercise.id() + ": ";
        // the failure shown whole goes first: the first one with the kit's report (a checked heap's or a validator's,
        // which ends with "What to do"), else the first one with any report of several lines. An AssertJ
        // description listed first had taken the place of the use-after-free report after it.
        List<String> ofExercise = run.failures().stream().filter(f -> f.startsWith(prefix)).toList();
        Optional<String> whole = ofExercise.stream()
                .filter(f -> run.reports().getOrDefault(f, List.of()).stream().anyMatch(l -> l.contains(ADVICE)))
                .findFirst()
                .or(() -> ofExercise.stream().findFirst().filter(run.reports()::containsKey));
        List<String> ordered = new ArrayList<>(run.failures());
        whole.ifPresent(f -> {
            ordered.remove(f);
            ordered.add(0, f);
        });
        List<String> failures = ordered.stream()
                .map(line -> line.startsWith(prefix) ? line.substring(prefix.length()) : line).toList();
        List<String> toWrite = run.toWrite().getOrDefault(exercise, List.of()).stream()
                .map(line -> line.startsWith(NOT_STARTED_PREFIX) ? line.substring(NOT_STARTED_PREFIX.length()) : line)
                .toList();
        List<String> firstReport = whole.map(f -> run.shown(f, prefix, "- ", "    ")).orElse(List.of());
        return new CheckResult(exercise, List.of(), run.of(exercise), failures, toWrite, List.of(), firstReport,
                List.of());
    }

    public Verdict verdict() {
        if (!compileErrors.isEmpty()) {
            return Verdict.DOES_NOT_COMPILE;
        }
        if (progress.total() == 0) {
            return Verdict.NO_TESTS;
        }
        if (progress.failed() > 0) {
            return Verdict.FAILS;
        }
        if (progress.notStarted() > 0) {
            return progress.passed() == 0 ? Verdict.NOT_STARTED : Verdict.NOT_FINISHED;
        }
        return kitAnswer() == null ? Verdict.PASSES : Verdict.KIT_ANSWER;
    }

    /** True when the exercise earns its points. */
    public boolean passed() {
        return verdict() == Verdict.PASSES;
    }

    /**
     * The report: a first line that says PASS or FAIL and why, then at most {@value #MAX_LINES} detail lines
     * (compile errors, failing tests or methods to write) and what to do next.
     */
    public List<String> lines() {
        String id = exercise.id();
        int total = progress.total();
        List<String> lines = new ArrayList<>();
        switch (verdict()) {
            case PASSES -> lines.add(id + ": PASS: every visible test passes (" + total + " of " + total + ").");
            case DOES_NOT_COMPILE -> {
                lines.add(id + ": FAIL: does not compile, so no test ran:");
                CompileErrorHints.of(compileErrors).forEach(h -> lines.add("  first: " + h));
                capped(lines, compileErrors, "");
                lines.add("  Fix the first error and check again (./alloclab check " + id + "); a compile error "
                        + "here costs only this exercise.");
            }
            case NO_TESTS -> lines.add(id + ": FAIL: no visible test ran. Are the " + id + " tests still in "
                    + "src/test/java/" + exercise.javaPackage().replace('.', '/') + "/ (the ...Test files without "
                    + "'Student')?");
            case FAILS -> {
                lines.add(id + ": FAIL: " + progress.failed() + " of " + total + " visible tests fail:");
                if (firstReport.isEmpty() || failures.isEmpty()) {
                    capped(lines, failures, "- ");
                } else {
                    // the first failure whole, as mvn test shows it (a heap map, "What to do"); the others in a line
                    firstReport.forEach(line -> lines.add(line.isEmpty() ? "" : "  " + line));
                    capped(lines, failures.subList(1, failures.size()), "- ");
                }
                lines.add("  mvn test (or ./alloclab progress) shows every test; fix the first failure and check again.");
            }
            case NOT_STARTED -> {
                lines.add(id + ": FAIL: not started: its " + total + " visible tests reach methods that still throw "
                        + "NotImplemented.");
                methodsToWrite(lines);
            }
            case NOT_FINISHED -> {
                lines.add(id + ": FAIL: not finished: " + progress.passed() + " of " + total + " visible tests pass, "
                        + progress.notStarted() + " are still \"not started\" (they reach a method that throws "
                        + "NotImplemented).");
                methodsToWrite(lines);
            }
            case KIT_ANSWER -> {
                ReviewFlag flag = kitAnswer();
                lines.add(id + ": FAIL: every visible test passes (" + total + " of " + total + "), but your code "
                        + "calls " + flag.what() + " (" + flag.where() + "), so the grader withholds the points and "
                        + "so does this check.");
                lines.add("  " + ReviewFlag.KIT_ANSWER_WHY);
            }
        }
        // the grader's review lines, word for word: the student reads here what the grade will say
        capped(lines, ReviewFlag.sentences(review), "review: ");
        notes.forEach(note -> lines.add("  " + note));
        return lines;
    }

    /** The first call to the kit's own answer in the main code, or null. */
    private ReviewFlag kitAnswer() {
        return review.stream().filter(f -> f.kind() == ReviewFlag.Kind.KIT_ANSWER).findFirst().orElse(null);
    }

    private void methodsToWrite(List<String> lines) {
        if (!toWrite.isEmpty()) {
            lines.add("  methods to write:");
            capped(lines, toWrite, "  - ");
        }
    }

    private static void capped(List<String> lines, List<String> details, String bullet) {
        details.stream().limit(MAX_LINES).forEach(d -> lines.add("  " + bullet + d));
        if (details.size() > MAX_LINES) {
            lines.add("  " + bullet + "... and " + (details.size() - MAX_LINES) + " more");
        }
    }
}
