package dev.alloclab.cli;

import dev.alloclab.companion.ExerciseCompiler;
import dev.alloclab.companion.InProcessTests;
import dev.alloclab.companion.LearnerProject;
import dev.alloclab.companion.MavenFallback;
import dev.alloclab.companion.ProgressCheck;
import dev.alloclab.companion.SiblingPackages;
import dev.alloclab.companion.TestRunResult;
import dev.alloclab.companion.VisibleTestCopies;
import dev.alloclab.core.course.ProgressReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code alloclab progress}: the table {@code mvn test} prints, without a Maven run when nothing changed. */
@Command(name = "progress", header = "Show each exercise's progress (done / in progress / not started) and what to do next.",
        description = {"Reads the last test run's summary when no source changed since; otherwise compiles the "
                + "exercises and runs their visible tests in-process (no Maven), and rewrites the summary.",
            "Exits 0, or 1 when a visible test fails or the code does not compile."})
final class ProgressCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--project", paramLabel = "DIR", defaultValue = ".",
            description = "your exercises (a starter's folder or the kit's root); default: the current folder")
    Path project;

    @Option(names = "--rerun", description = "run the tests even when nothing changed")
    boolean rerun;

    @Mixin
    TimeLimitOption timeLimit;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        LearnerProject learner = LearnerProject.locate(project);
        TimeLimitOption.Limit limit = timeLimit.limit(learner.root());
        ProgressCheck check = new ProgressCheck(learner, new InProcessTests(learner, limit.duration()));
        Optional<ProgressReport> cached = rerun ? Optional.empty() : check.cached();
        if (cached.isPresent()) {
            out.println("(from the last test run; no source changed since: './alloclab progress --rerun' lists the "
                    + "failing tests and the methods to write next again)");
            check.print(out, cached.get(), null);
            printNotes(out, learner);
            return exitCode(cached.get());
        }
        if (!InProcessTests.available()) {
            out.println("This Java has no compiler, so the tests run through Maven (slower): "
                    + String.join(" ", MavenFallback.command(learner)));
            out.flush();
            MavenFallback.run(learner);
            return check.cached().map(report -> {
                check.print(out, report, null);
                return exitCode(report);
            }).orElseGet(() -> {
                out.println("The Maven run wrote no fresh summary; read its output above. If it says 'No compiler is "
                        + "provided in this environment', Maven runs on a Java without a compiler too: install a JDK 17 or "
                        + "newer (not only a JRE), put its bin folder first on the PATH (and JAVA_HOME), then run "
                        + "./alloclab progress again.");
                return ExitCodes.CHECK_FAILED;
            });
        }
        out.println(rerun ? "Running the visible tests (in-process, no Maven)..."
                : "Sources changed since the last test run: running the visible tests (in-process, no Maven)...");
        limit.note().ifPresent(out::println);
        out.flush();
        TestRunResult run = check.runAll();
        if (!run.compiled()) {
            ProgressCheck.printCompileErrors(out, run.compileErrors());
            return ExitCodes.CHECK_FAILED;
        }
        ProgressReport report = check.course().report(run.progress());
        check.print(out, report, run);
        // compiled together here, one exercise can use another's classes; check and the grader say no: warn now
        SiblingPackages.usedIn(new ExerciseCompiler(learner).mainOutput()).forEach(line -> out.println("  " + line));
        printNotes(out, learner);
        return exitCode(report);
    }

    /** The visible tests the student changed: the grade runs the starter's copies, so its counts may differ. */
    private static void printNotes(PrintWriter out, LearnerProject learner) {
        VisibleTestCopies.progressNotes(learner).forEach(note -> out.println("  " + note));
        out.flush();
    }

    /**
     * 1 when a visible test fails (a check failed, as the help says), else 0: a stub that is only "not started"
     * is where every student begins, not a failure.
     */
    static int exitCode(ProgressReport report) {
        return report.exercises().stream().anyMatch(e -> e.failed() > 0) ? ExitCodes.CHECK_FAILED : ExitCodes.OK;
    }
}
