package dev.alloclab.cli;

import dev.alloclab.grader.GradeReport;
import dev.alloclab.grader.Grader;
import dev.alloclab.grader.rubric.Rubric;
import dev.alloclab.grader.rubric.RubricLoader;
import dev.alloclab.grader.report.Reports;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code alloclab grade SUBMISSION}: grades one submission. Exit code 0 when every point was
 * earned, 1 when the submission was graded and lost points, 2 for bad input (see docs/instructors.md).
 */
@Command(name = "grade", header = "Grade one submission: compile, hidden suites, coverage, performance.",
        description = {"SUBMISSION is a folder laid out like the student starter (src/main/java, src/test/java)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            " 0:full marks",
            " 1:graded, with points lost",
            " 2:bad command line or unreadable input (submission, rubric), or an --out that cannot be written",
            "70:a bug in alloclab (the stack trace is printed: please report it)"})
final class GradeCommand implements Callable<Integer> {
    /** The formats, with the file name --out writes each one to. */
    enum Format {
        text("grade.txt"), json("grade.json"), gradescope("results.json"), junit("TEST-alloclab.xml"), html("grade.html");

        final String fileName;

        Format(String fileName) {
            this.fileName = fileName;
        }

        String render(GradeReport report) {
            return switch (this) {
                case text -> Reports.text(report);
                case json -> Reports.json(report);
                case gradescope -> Reports.gradescope(report);
                case junit -> Reports.junit(report);
                case html -> Reports.html(report);
            };
        }
    }

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SUBMISSION", description = "the submission folder")
    Path submission;

    @Option(names = "--format", defaultValue = "text", paramLabel = "text|json|gradescope|junit|html", description = "text, json, gradescope, junit or html (default: ${DEFAULT-VALUE})")
    Format format;

    @Option(names = "--out", paramLabel = "DIR", description = "write the report into DIR (grade.txt, grade.json, "
            + "results.json, TEST-alloclab.xml or grade.html) instead of standard output")
    Path out;

    @Option(names = "--rubric", paramLabel = "FILE", description = "a JSON rubric (default: the grader's own, 100 points)")
    Path rubric;

    @Option(names = "--timings", description = "print on standard error how long compiling and the grading JVM took "
            + "(for benchmarks; see docs/performance.md)")
    boolean timings;

    @Option(names = "--worker-user", paramLabel = "NAME", description = "run the student's code as this unprivileged "
            + "user (Linux, the grader running as root), so it cannot rewrite the report; its processes are ended "
            + "before the report is written (see docs/instructors.md)")
    String workerUser;

    @Override
    public Integer call() {
        if (out != null) {
            OutputTargets.checkReportFolder(out, format);
        }
        dev.alloclab.grader.run.WorkerUser worker = workerUser == null ? null
                : dev.alloclab.grader.run.WorkerUser.named(workerUser);
        if (worker != null) {
            dev.alloclab.grader.run.ReadableByWorkerUsers.warnings(null).forEach(spec.commandLine().getErr()::println);
        }
        if (timings) {
            System.setProperty(dev.alloclab.grader.Timings.PROPERTY, "true");
            dev.alloclab.grader.Timings.mark("command line read");
        }
        Rubric r = rubric == null ? RubricLoader.defaultRubric() : RubricLoader.load(rubric);
        dev.alloclab.grader.Timings.mark("rubric read");
        dev.alloclab.grader.compile.JdkCompiler.require("grade");
        // the kit's build is a hash of its jar (tens of milliseconds): taken while the grader waits for the grading JVM
        java.util.concurrent.CompletableFuture<String> gradedWith =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> GradedWith.of(rubric, r));
        GradeReport report = Grader.grade(submission, r, worker).withGradedWith(gradedWith.join());
        String text = format.render(report);
        dev.alloclab.grader.Timings.mark("report rendered");
        PrintWriter stdout = spec.commandLine().getOut();
        if (out == null) {
            stdout.print(text);
        } else {
            Path file = writeAtomically(out, format.fileName, text);
            stdout.printf("%s: %s / %s points; report written to %s%n", report.submission(),
                    num(report.score()), num(report.maxScore()), file);
        }
        stdout.flush();
        return report.fullMarks() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }

    private static String num(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.format(java.util.Locale.ROOT, "%.2f", d);
    }

    /**
     * Writes through a temporary file in the same folder and a rename, so no reader sees half a report. The
     * temporary file is made the way {@code Files.writeString} makes a file, so the report gets the permissions
     * the user's umask gives every new file ({@code Files.createTempFile} would make it 0600, unreadable by a TA in
     * the same group or by a web server), and it is deleted when the write or the rename fails.
     */
    static Path writeAtomically(Path dir, String name, String text) {
        Path temp = null;
        try {
            Files.createDirectories(dir);
            Path target = dir.resolve(name);
            while (temp == null) {
                Path candidate = dir.resolve("." + name + "." + Long.toUnsignedString(
                        java.util.concurrent.ThreadLocalRandom.current().nextLong(), 36) + ".tmp");
                try {
                    Files.writeString(candidate, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
                    temp = candidate;
                } catch (FileAlreadyExistsException taken) {
                    // another writer drew the same name: draw again
                } catch (IOException e) {
                    Files.deleteIfExists(candidate); // created, then the write failed (a full disk)
                    throw e;
                }
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // the message below is what matters
                }
            }
            throw new UncheckedIOException("cannot write '" + dir.resolve(name) + "': " + OutputTargets.why(e), e);
        }
    }
}
