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
 *
 * <p>A run can leave the learner's code running: a test stopped at its time limit is abandoned, not ended (a thread
 * cannot be ended safely inside a running JVM), and an endless loop then keeps a core busy until the JVM exits,
 * slowing every later run. After each run the loop asks for such threads ({@link VisibleTests#runaways}); when the
 * launcher can start watch again ({@code restartable}), the loop ends there and asks for it
 * ({@link #restartRequested}), and the new JVM ({@code resumed}) waits for the next save before running anything, so
 * the same loop does not start again at once. Run without such a launcher, it says how to end the threads.
 */
public final class WatchLoop {
    private final VisibleTests tests;
    private final ChangeSource changes;
    private final PrintWriter out;
    private final Course course;
    private final boolean restartable;
    private final boolean resumed;
    private boolean restartRequested;
    /** How many runaway threads the learner has been told about (without restarts), so a note is not repeated. */
    private int runawaysNoted;

    public WatchLoop(VisibleTests tests, ChangeSource changes, PrintWriter out) {
        this(tests, changes, out, Course.wholeCurriculum());
    }

    public WatchLoop(VisibleTests tests, ChangeSource changes, PrintWriter out, Course course) {
        this(tests, changes, out, course, false, false);
    }

    /**
     * @param restartable the launcher starts watch again in a fresh JVM when this loop asks for it
     * @param resumed     this JVM is such a fresh start: wait for a change before the first run
     */
    public WatchLoop(VisibleTests tests, ChangeSource changes, PrintWriter out, Course course, boolean restartable,
                     boolean resumed) {
        this.tests = tests;
        this.changes = changes;
        this.out = out;
        this.course = course;
        this.restartable = restartable;
        this.resumed = resumed;
    }

    /** True when {@link #run} ended because the learner's code is still running: start watch again to end it. */
    public boolean restartRequested() {
        return restartRequested;
    }

    /**
     * Runs until everything is done, the changes stop, or (when restartable) a run leaves the learner's code
     * running; returns the last known progress.
     */
    public ProgressReport run() throws InterruptedException {
        if (resumed) {
            out.println("alloclab watch: started again in a fresh JVM, so the code your tests left running has stopped.");
            if (!waitForChange()) {
                return course.report(java.util.Map.of());
            }
        }
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
                if (leftRunning()) {
                    return report;
                }
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
            // a save in an exercise that was done (a helper it shares, a clean-up) is checked too: a regression
            // there becomes the current exercise again instead of going unseen until mvn test
            Optional<Exercise> broken = Optional.empty();
            for (Exercise touched : doneExercisesTouched(exercise, report)) {
                TestRunResult again = tests.run(Optional.of(touched));
                if (!again.compiled()) {
                    break; // the current exercise's run below shows the compile errors
                }
                report = course.within(again.mergedInto(report));
                if (again.of(touched).status() != ExerciseProgress.Status.DONE && broken.isEmpty()) {
                    out.println("You changed " + touched.id() + ", which was done, and it is not any more:");
                    broken = Optional.of(touched);
                    run = again;
                } else if (again.of(touched).status() == ExerciseProgress.Status.DONE) {
                    out.println("You changed " + touched.id() + ": still done.");
                }
            }
            if (broken.isPresent()) {
                current = broken;
                continue;
            }
            run = tests.run(Optional.of(exercise));
        }
        out.println("Every exercise is done. Well done! (alloclab quiz has more to practise.)");
        out.flush();
        return report;
    }

    /**
     * The exercises other than {@code current} whose package the last change touched and that {@code report} counts
     * as done, in course order.
     */
    private List<Exercise> doneExercisesTouched(Exercise current, ProgressReport report) {
        java.util.Set<java.nio.file.Path> changed = changes.changedFiles();
        return report.exercises().stream()
                .filter(p -> p.status() == ExerciseProgress.Status.DONE && !p.exercise().equals(current))
                .map(ExerciseProgress::exercise)
                .filter(e -> changed.stream().anyMatch(file -> file.toString().replace('\\', '/')
                        .contains(e.javaPackage().replace('.', '/') + "/")))
                .toList();
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

    /**
     * After a run: tells the learner about threads of their code that are still busy, and true when this loop ends
     * so that the launcher can start watch again (the threads end with this JVM).
     */
    private boolean leftRunning() {
        List<RunawayThreads.Runaway> runaways = tests.runaways();
        if (runaways.isEmpty() || !restartable && runaways.size() <= runawaysNoted) {
            return false;
        }
        String where = runaways.stream().map(RunawayThreads.Runaway::describe).distinct().limit(3)
                .collect(java.util.stream.Collectors.joining(", "));
        String threads = runaways.size() == 1 ? "1 thread" : runaways.size() + " threads";
        out.println("note: your code is still running in " + threads + " after its tests ended (" + where + "): a "
                + "stopped test cannot be ended inside this JVM, and " + (runaways.size() == 1 ? "it keeps a core"
                : "they keep cores") + " busy.");
        if (restartable) {
            out.println("alloclab watch: starting again in a fresh JVM to end " + (runaways.size() == 1 ? "it" : "them")
                    + "...");
            out.flush();
            restartRequested = true;
            return true;
        }
        out.println("  Press Ctrl-C and start watch again to end " + (runaways.size() == 1 ? "it" : "them")
                + " (./alloclab watch starts again by itself).");
        out.flush();
        runawaysNoted = runaways.size();
        return false;
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

    /**
     * {@code progress: 3 of 9 exercises done in order; next: implicit-list}: watch runs the exercises in order up to
     * the first one not done, so a later exercise that is done is not counted until watch reaches it.
     */
    public static String progressLine(ProgressReport report) {
        long done = report.exercises().stream().filter(p -> p.status() == ExerciseProgress.Status.DONE).count();
        return "progress: " + done + " of " + report.exercises().size() + " exercises done in order"
                + report.next().map(e -> "; next: " + e.id()).orElse("; nothing left");
    }
}
