package dev.alloclab.cli;

import dev.alloclab.companion.Course;
import dev.alloclab.companion.CoverageHtml;
import dev.alloclab.companion.CoverageReport;
import dev.alloclab.companion.CoverageResult;
import dev.alloclab.companion.CoverageRule;
import dev.alloclab.companion.ExerciseCoverage;
import dev.alloclab.companion.GradingTimeLimit;
import dev.alloclab.companion.InProcessTests;
import dev.alloclab.companion.LearnerProject;
import dev.alloclab.core.KitException;
import dev.alloclab.core.course.Exercise;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code alloclab coverage EXERCISE}: the coverage the grader will score, before the student submits. The grader
 * gives points for line and branch coverage of an exercise's main classes by the student's own
 * {@code ...StudentTest} classes; this command measures the same thing the same way and shows the lines those
 * tests never run.
 */
@Command(name = "coverage", header = "How much of one exercise your own ...StudentTest tests cover, as the grader "
        + "scores it, and which lines they never run.",
        description = {"Compiles the exercise on its own (as check does), runs its ...StudentTest classes in-process "
                + "with its main classes instrumented by JaCoCo, and prints line and branch coverage per file, the "
                + "thresholds, what the grader would give, and the lines never run.",
            "Exits 0 when the coverage earns every coverage point; 1 when it earns less, or cannot be measured (no "
                    + "...StudentTest, only the starter's example, a compile error); 2 for bad input."})
final class CoverageCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    OneExerciseOptions target;

    @Option(names = "--line", paramLabel = "RATIO",
            description = "line coverage that earns the full points, 0..1 (default: your course's, from "
                    + CoverageRule.COURSE_FILE + " when the starter has it, else the default rubric's, 0.7)")
    Double line;

    @Option(names = "--branch", paramLabel = "RATIO",
            description = "branch coverage that earns the full points, 0..1 (default: your course's, else the "
                    + "default rubric's, 0.5)")
    Double branch;

    @Option(names = "--html", paramLabel = "FILE",
            description = "also write the report as an HTML page with each source file's lines coloured: run, never "
                    + "run, branches partly taken")
    Path html;

    @Override
    public Integer call() {
        Exercise exercise = target.exercise();
        LearnerProject learner = target.learner();
        // the course's rubric, when the starter carries it (export-classroom --rubric), else the default rubric's
        java.util.Optional<CoverageRule> course = CoverageRule.courseFor(learner.root(), exercise);
        boolean ungraded = course.isPresent() && course.get().points() == 0;
        CoverageRule standard = CoverageRule.defaultFor(exercise);
        if (course.isPresent()) { // an exercise the course gives no coverage points is shown by the default thresholds
            standard = ungraded ? new CoverageRule(0, standard.line(), standard.branch()) : course.get();
        }
        CoverageRule rule = standard.withThresholds(ratio("--line", line, standard.line()),
                ratio("--branch", branch, standard.branch()));
        TimeLimitOption.Limit timeLimit = target.timeLimit();
        Duration limit = timeLimit.duration();
        if (!InProcessTests.available()) {
            throw new KitException("coverage compiles the exercise in-process, but this Java has no compiler. "
                    + "Install a JDK 17 or newer (not only a JRE) and run it again.");
        }
        PrintWriter out = spec.commandLine().getOut();
        timeLimit.note().ifPresent(out::println);
        CoverageResult result = CheckCommand.withExitGuard(out, () -> dev.alloclab.companion.ShutdownCause
                .coverageSentence(exercise.id(), Thread.getAllStackTraces().values()),
                () -> new ExerciseCoverage(learner, limit).run(exercise));
        CoverageReport report = new CoverageReport(result, rule, line != null || branch != null
                ? CoverageReport.RuleSource.COMMAND_LINE
                : course.isPresent() ? CoverageReport.RuleSource.COURSE_RUBRIC : CoverageReport.RuleSource.DEFAULT_RUBRIC,
                ungraded ? java.util.Optional.empty() : course);
        if (ungraded) {
            out.println("note: your course's rubric (" + CoverageRule.COURSE_FILE + ") gives " + exercise.id()
                    + " no coverage points; the figures below are for you alone.");
        }
        int exerciseSeconds = Course.of(learner.root()).timeoutSeconds().orElse(GradingTimeLimit.DEFAULT_EXERCISE_SECONDS);
        report.lines(exerciseSeconds).forEach(out::println);
        GradingTimeLimit.ownTestsNote(result.tests().took(), exerciseSeconds).ifPresent(out::println);
        if (html != null) {
            writeHtml(report);
            out.println("The same report, the source coloured line by line: " + html);
        }
        out.flush();
        return report.earnsAll() && !report.pastTheLimit(exerciseSeconds) ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }

    private void writeHtml(CoverageReport report) {
        try {
            Path parent = html.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(html, CoverageHtml.page(report), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new KitException("coverage cannot write the HTML page '" + html + "': " + e.getMessage()
                    + ". Pass a file in a folder you can write to, e.g. --html target/coverage-bump.html");
        }
    }

    /** {@code given} when set (checked to be a ratio), else {@code fallback}. */
    private static double ratio(String option, Double given, double fallback) {
        if (given == null) {
            return fallback;
        }
        if (!(given >= 0 && given <= 1)) {
            throw new KitException(option + " " + given + " is not a coverage ratio: expected 0 <= ratio <= 1, "
                    + "e.g. " + option + " 0.7 for 70 %.");
        }
        return given;
    }
}
