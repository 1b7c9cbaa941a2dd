package dev.alloclab.companion;

import dev.alloclab.core.course.Exercise;
import dev.alloclab.core.course.ExerciseProgress;
import dev.alloclab.core.course.ProgressReport;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;

/**
 * {@code alloclab watch}, without the disk: run the exercises' visible tests in order until the
 * first one that is not done (the current exercise: a loop in a later exercise cannot hold up
 * the start), print its result, then after each change re-run that exercise's tests, print one
 * block and a progress line, and move on when it is done. Ends when every exercise is done or the
 * change source closes (Ctrl-C). Only the {@link Course}'s exercises count: a course that leaves out buddy never
 * moves on to buddy.
 */
public final class WatchLoop {
    private final VisibleTests tests;
    private final ChangeSource changes;
    private final PrintWriter out;
    private final Course course;

    public WatchLoop(VisibleTests tests, ChangeSource changes, PrintWriter out) {
        this(tests, changes, out, Course.wholeCurriculum());
    }

    public WatchLoop(VisibleTests tests, ChangeSource changes, PrintWriter out, Course course) {
        this.tests = tests;
        this.changes = changes;
        this.out = out;
        this.course = course;
    }

    /** Runs until everything is done or the changes stop; returns the last known progress. */
    public ProgressReport run() throws InterruptedException {
        out.println("alloclab watch: running the visible tests, exercise by exercise, to find where you are...");
        out.flush();
        TestRunResult run = tests.runUntilUnfinished();
        while (!run.compiled()) {
            ProgressCheck.printCompileErrors(out, run.compileErrors());
            if (!waitForChange()) {
                return course.report(java.util.Map.of());
            }
            run = tests.runUntilUnfinished();
        }
        ProgressReport report = course.report(run.progress());
        Optional<Exercise> current = report.next();
        while (current.isPresent()) {
            Exercise exercise = current.get();
            if (!run.compiled()) {
                ProgressCheck.printCompileErrors(out, run.compileErrors());
            } else {
                report = course.within(run.mergedInto(report));
                printResult(exercise, run, report);
                if (run.of(exercise).status() == ExerciseProgress.Status.DONE) {
                    current = report.next();
                    if (current.isPresent()) {
                        out.println("Exercise " + exercise.id() + " is done. On to " + current.get().id() + ": "
                                + current.get().docsPage());
                        out.println();
                        out.flush();
                        run = tests.run(current);
                        continue;
                    }
                    break;
                }
            }
            if (!waitForChange()) {
                return report;
            }
            run = tests.run(Optional.of(exercise));
        }
        out.println("Every exercise is done. Well done! (alloclab quiz has more to practise.)");
        out.flush();
        return report;
    }

    /** {@link #run()} for tests, where an interrupt cannot happen. */
    ProgressReport runForTests() {
        try {
            return run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private boolean waitForChange() throws InterruptedException {
        out.println("Watching for changes (Ctrl-C to leave)...");
        out.flush();
        boolean changed = changes.awaitChange();
        if (!changed) {
            out.println("alloclab watch: stopped.");
            out.flush();
        }
        return changed;
    }

    private void printResult(Exercise exercise, TestRunResult run, ProgressReport report) {
        ExerciseProgress p = run.of(exercise);
        out.println("== " + exercise.order() + ". " + exercise.id() + ": " + p.status().label() + " (" + p.passed()
                + " passed, " + p.failed() + " failed, " + p.notStarted() + " not started)");
        String prefix = exercise.id() + ": ";
        List<String> failing = run.failures().stream().filter(f -> f.startsWith(prefix)).limit(5).toList();
        for (int i = 0; i < failing.size(); i++) {
            // the first whole (a checked heap's map and "What to do"), the others in a line
            (i == 0 ? run.shown(failing.get(i), prefix, "  failing: ", "      ")
                    : List.of("  failing: " + failing.get(i).substring(prefix.length()))).forEach(out::println);
        }
        run.toWrite().getOrDefault(exercise, java.util.List.of()).stream().limit(3)
                .forEach(line -> out.println("  to write: " + line));
        out.println(progressLine(report));
        out.flush();
    }

    /** {@code progress: 3 of 9 exercises done; next: implicit-list} */
    public static String progressLine(ProgressReport report) {
        long done = report.exercises().stream().filter(p -> p.status() == ExerciseProgress.Status.DONE).count();
        return "progress: " + done + " of " + report.exercises().size() + " exercises done"
                + report.next().map(e -> "; next: " + e.id()).orElse("; nothing left");
    }
}
