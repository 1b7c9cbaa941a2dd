package dev.alloclab.cli;

import dev.alloclab.companion.CheckResult;
import dev.alloclab.companion.ExerciseCheck;
import dev.alloclab.companion.InProcessTests;
import dev.alloclab.companion.LearnerProject;
import dev.alloclab.companion.ShutdownCause;
import dev.alloclab.core.KitException;
import dev.alloclab.core.course.Exercise;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code alloclab check EXERCISE}: does this one exercise pass its visible tests? GitHub Classroom runs it once per
 * exercise ({@code export-classroom} writes the steps), so a compile error elsewhere costs only its own exercise.
 */
@Command(name = "check", header = "Check one exercise on its own: it passes when every visible test passes.",
        description = {"Compiles only what the exercise needs (its code, its visible tests and the shared test "
                + "support; not the other exercises, not your own ...StudentTest) in-process, runs its visible tests, "
                + "and prints PASS or FAIL with the reason.",
            "Exits 0 when every visible test ran and passed; 1 when the exercise does not compile, a test fails, "
                    + "or a test is still \"not started\"; 2 for an unknown exercise."})
final class CheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    OneExerciseOptions target;

    @Override
    public Integer call() {
        Exercise exercise = target.exercise();
        LearnerProject learner = target.learner();
        if (!InProcessTests.available()) {
            throw new KitException("check compiles the exercise in-process, but this Java has no compiler. "
                    + "Run it with a JDK 17 or newer (not only a JRE).");
        }
        PrintWriter out = spec.commandLine().getOut();
        TimeLimitOption.Limit timeLimit = target.timeLimit();
        timeLimit.note().ifPresent(out::println);
        Duration limit = timeLimit.duration();
        CheckResult result = withExitGuard(out, () -> ShutdownCause.sentence(exercise.id(),
                Thread.getAllStackTraces().values()), () -> new ExerciseCheck(learner, limit).run(exercise));
        result.lines().forEach(out::println);
        out.flush();
        return result.passed() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }

    /**
     * Runs {@code check} so that the code under test cannot end the JVM with its own exit status: a
     * {@code System.exit(0)} in a stub would otherwise report success. If the JVM shuts down before the check
     * returns, the hook prints {@code stopped}'s sentence and halts with 1: for {@code check} it says whether the code
     * called {@code System.exit} or the run was stopped from outside ({@link ShutdownCause}). {@code alloclab coverage}
     * runs the student's tests under the same guard.
     */
    static <T> T withExitGuard(PrintWriter out, Supplier<String> stopped, Supplier<T> check) {
        Thread guard = new Thread(() -> {
            out.println(stopped.get());
            out.flush();
            Runtime.getRuntime().halt(ExitCodes.CHECK_FAILED);
        }, "alloclab-check-exit-guard");
        Runtime.getRuntime().addShutdownHook(guard);
        try {
            return check.get();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(guard);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running
            }
        }
    }
}
