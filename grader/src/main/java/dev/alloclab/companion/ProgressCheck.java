package dev.alloclab.companion;

import dev.alloclab.core.course.Curriculum;
import dev.alloclab.core.course.Exercise;
import dev.alloclab.core.course.ProgressReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code alloclab progress}, made fast. The last test run's summary
 * ({@code target/alloclab-progress.json}, written by {@code mvn test} and by this class) is
 * trusted when it is newer than every file under {@code src/} and the {@code pom.xml}; otherwise
 * the visible tests run in-process ({@link InProcessTests}) and the summary is rewritten.
 *
 * <p>Both hold only the exercises of the project's {@link Course}: a starter whose course rubric leaves out buddy
 * never shows buddy as next.
 */
public final class ProgressCheck {
    private final LearnerProject project;
    private final VisibleTests tests;
    private final Course course;

    public ProgressCheck(LearnerProject project, VisibleTests tests) {
        this.project = project;
        this.tests = tests;
        this.course = Course.of(project.root());
    }

    /** The course whose exercises this check reports. */
    public Course course() {
        return course;
    }

    /** The last run's report, when no source changed since it was written. */
    public Optional<ProgressReport> cached() {
        Path summary = project.summaryFile();
        if (!Files.isRegularFile(summary)) {
            return Optional.empty();
        }
        try {
            FileTime written = Files.getLastModifiedTime(summary);
            if (newestSourceChange().compareTo(written) > 0) {
                return Optional.empty();
            }
            return Optional.of(course.within(ProgressReport.fromJson(Files.readString(summary, StandardCharsets.UTF_8))));
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    /** The newest modification time under {@code src/} and of {@code pom.xml}. */
    FileTime newestSourceChange() throws IOException {
        FileTime newest = FileTime.fromMillis(0);
        Path pom = project.exercises().resolve("pom.xml");
        if (Files.exists(pom)) {
            newest = Files.getLastModifiedTime(pom);
        }
        if (Files.isDirectory(project.sources())) {
            try (Stream<Path> walk = Files.walk(project.sources())) {
                for (Path p : walk.toList()) {
                    FileTime t = Files.getLastModifiedTime(p);
                    if (t.compareTo(newest) > 0) {
                        newest = t;
                    }
                }
            }
        }
        return newest;
    }

    /** Runs every visible test, writes the summary, and returns the run (with its report). */
    public TestRunResult runAll() {
        TestRunResult result = tests.run(Optional.empty());
        if (result.compiled()) {
            writeSummary(course.report(result.progress()));
        }
        return result;
    }

    private void writeSummary(ProgressReport report) {
        Path summary = project.summaryFile();
        try {
            Files.createDirectories(summary.getParent());
            Files.writeString(summary, report.toJson(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the progress summary " + summary, e);
        }
    }

    /** Prints the table of {@code report} (the course's exercises), the failures and the methods to write next. */
    public void print(PrintWriter out, ProgressReport report, TestRunResult run) {
        print(out, report, run, course);
    }

    /**
     * Prints the table of {@code report}, the line naming the exercises {@code course} leaves out, the failures and
     * the methods to write next.
     */
    public static void print(PrintWriter out, ProgressReport report, TestRunResult run, Course course) {
        out.print(report.table());
        course.droppedLine().ifPresent(out::println);
        if (run != null) {
            printFailures(out, run);
            Optional<Exercise> next = report.next();
            next.map(e -> run.toWrite().getOrDefault(e, List.of())).filter(l -> !l.isEmpty()).ifPresent(lines -> {
                out.println("  methods to write next:");
                lines.stream().limit(6).forEach(line -> out.println("    - " + line));
            });
        }
        out.flush();
    }

    /** How many failing tests {@link #printFailures} lists before "... and N more". */
    static final int MAX_FAILURES = 10;

    /**
     * Prints the failing tests ({@code exercise: test: message}) grouped under their exercise, in learning order: a
     * run goes exercise by exercise, but the list should read so even when the lines come mixed. The first one
     * listed shows its full report when it has one ({@link TestRunResult#shown}), the others their one line.
     */
    static void printFailures(PrintWriter out, TestRunResult run) {
        List<String> failures = run.failures();
        if (failures.isEmpty()) {
            return;
        }
        out.println("  failing visible tests:");
        Map<String, List<String>> byExercise = new LinkedHashMap<>();
        Curriculum.exercises().forEach(e -> byExercise.put(e.id(), new ArrayList<>()));
        List<String> other = new ArrayList<>();
        for (String failure : failures) {
            int colon = failure.indexOf(": ");
            List<String> group = colon < 0 ? null : byExercise.get(failure.substring(0, colon));
            if (group == null) {
                other.add(failure);
            } else {
                group.add(failure.substring(colon + 2));
            }
        }
        byExercise.put("", other);
        int shown = 0;
        for (Map.Entry<String, List<String>> group : byExercise.entrySet()) {
            if (group.getValue().isEmpty() || shown >= MAX_FAILURES) {
                continue;
            }
            String indent = group.getKey().isEmpty() ? "    " : "      ";
            if (!group.getKey().isEmpty()) {
                out.println("    " + group.getKey() + ":");
            }
            for (String line : group.getValue()) {
                if (shown++ == 0) {
                    String full = group.getKey().isEmpty() ? line : group.getKey() + ": " + line;
                    run.shown(full, group.getKey() + ": ", indent + "- ", indent + "    ").forEach(out::println);
                } else if (shown <= MAX_FAILURES) {
                    out.println(indent + "- " + line);
                }
            }
        }
        if (failures.size() > MAX_FAILURES) {
            out.println("    ... and " + (failures.size() - MAX_FAILURES) + " more (mvn test shows them all)");
        }
    }

    /** Prints the compiler's errors, at most {@code limit}. */
    public static void printCompileErrors(PrintWriter out, List<String> errors) {
        out.println("Your code does not compile, so no test ran:");
        CompileErrorHints.of(errors).forEach(h -> out.println("  first: " + h));
        errors.stream().limit(10).forEach(e -> out.println("  " + e));
        if (errors.size() > 10) {
            out.println("  ... and " + (errors.size() - 10) + " more");
        }
        out.println("Fix the first error, save, and run again.");
        out.flush();
    }
}
