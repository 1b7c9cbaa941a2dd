package dev.alloclab.cli;

import dev.alloclab.companion.CheckResult;
import dev.alloclab.companion.ExerciseCheck;
import dev.alloclab.companion.InProcessTests;
import dev.alloclab.companion.LearnerProject;
import dev.alloclab.core.KitException;
import dev.alloclab.core.course.Curriculum;
import dev.alloclab.core.course.Exercise;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
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

    @Parameters(index = "0", paramLabel = "EXERCISE",
            description = "an exercise id or its package name, e.g. bump or implicit-list (or implicitlist)")
    String exerciseName;

    @Option(names = "--project", paramLabel = "DIR", defaultValue = ".",
            description = "your exercises (a starter's folder or the kit's root); default: the current folder")
    Path project;

    @Override
    public Integer call() {
        Exercise exercise = named(exerciseName, "check");
        LearnerProject learner = LearnerProject.locate(project);
        if (!InProcessTests.available()) {
            throw new KitException("check compiles the exercise in-process, but this Java has no compiler. "
                    + "Run it with a JDK 17 or newer (not only a JRE).");
        }
        PrintWriter out = spec.commandLine().getOut();
        CheckResult result = withExitGuard(out, exercise.id() + ": FAIL: the check stopped before the tests finished: "
                + "the code called System.exit (or the run was interrupted). Code under test must return or throw, "
                + "never exit.", () -> new ExerciseCheck(learner).run(exercise));
        result.lines().forEach(out::println);
        out.flush();
        return result.passed() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }

    /** The exercise whose id or package name is {@code name}; an unknown name gets the list of both (and {@code command}'s example). */
    static Exercise named(String name, String command) {
        return Curriculum.byId(name)
                .or(() -> Curriculum.exercises().stream().filter(e -> e.packageName().equals(name)).findFirst())
                .orElseThrow(() -> new KitException("there is no exercise '" + name + "'.\n  The exercises are: "
                        + Curriculum.exercises().stream().map(e -> e.id().equals(e.packageName()) ? e.id()
                                : e.id() + " (" + e.packageName() + ")").collect(Collectors.joining(", "))
                        + ".\n  Pass an id or a package name, e.g. ./alloclab " + command + " bump"));
    }

    /**
     * Runs {@code check} so that the code under test cannot end the JVM with its own exit status: a
     * {@code System.exit(0)} in a stub would otherwise report success. If the JVM shuts down before the check
     * returns, the hook prints {@code stopped} and halts with 1. {@code alloclab coverage} runs the student's tests
     * under the same guard.
     */
    static <T> T withExitGuard(PrintWriter out, String stopped, Supplier<T> check) {
        Thread guard = new Thread(() -> {
            out.println(stopped);
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
