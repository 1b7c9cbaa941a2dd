package dev.alloclab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alloclab.core.KitException;
import dev.alloclab.grader.GradeReport;
import dev.alloclab.grader.Grader;
import dev.alloclab.grader.GradingException;
import dev.alloclab.grader.StudentText;
import dev.alloclab.grader.Submission;
import dev.alloclab.grader.report.Reports;
import dev.alloclab.grader.rubric.Rubric;
import dev.alloclab.grader.rubric.RubricLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code alloclab grade-all DIR}: grades every submission folder in DIR in parallel.
 *
 * <p>Each result is written atomically to {@code DIR/.alloclab-results/<student>.json} together with
 * its {@link GradingKey} (the submission's files, the rubric, the grader); a re-run skips every
 * submission whose key matches its stored result, so an interrupted class run (even SIGKILL) resumes
 * where it stopped, and the gradebook CSV is rebuilt from the stored results (one row per student,
 * never a duplicate). A student's archive that was never unpacked gets a row with the reason.
 */
@Command(name = "grade-all", header = "Grade every submission in a folder, in parallel, into a CSV gradebook.",
        description = {"Every folder directly inside DIR is one student's submission.",
            "Exit codes: 0 every submission graded, 1 some could not be graded, 2 bad input."})
final class GradeAllCommand implements Callable<Integer> {
    static final String RESULTS = ".alloclab-results";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "the folder holding one folder per submission")
    Path dir;

    @Option(names = "--jobs", paramLabel = "N", description = "submissions graded at once (default: the number of cores)")
    Integer jobs;

    @Option(names = "--csv", paramLabel = "FILE", description = "the gradebook to write (default: DIR/gradebook.csv)")
    Path csv;

    @Option(names = "--rubric", paramLabel = "FILE", description = "a JSON rubric (default: the grader's own)")
    Path rubricFile;

    @Override
    public Integer call() throws Exception {
        if (csv != null) {
            OutputTargets.checkGradebook(csv);
        }
        if (!Files.isDirectory(dir)) {
            throw new GradingException("'" + dir + "' is not a folder. Pass the folder that holds one folder "
                    + "per student.");
        }
        int parallel = jobs == null ? Runtime.getRuntime().availableProcessors() : jobs;
        if (parallel < 1) {
            throw new GradingException("--jobs must be at least 1, but was " + parallel + ".");
        }
        Rubric rubric = rubricFile == null ? RubricLoader.defaultRubric() : RubricLoader.load(rubricFile);
        dev.alloclab.grader.compile.JdkCompiler.require("grade-all");
        List<Path> submissions;
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            List<Path> all = list.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
            submissions = all.stream().filter(Files::isDirectory).toList();
            files = all.stream().filter(p -> !Files.isDirectory(p)).toList();
        }
        List<String> archives = unpackedArchivesMissing(files, submissions);
        if (submissions.isEmpty() && archives.isEmpty()) {
            throw new GradingException("'" + dir + "' holds no submission folders. Put each student's submission "
                    + "in a folder of its own inside it.");
        }
        Path results = dir.resolve(RESULTS);
        try {
            Files.createDirectories(results);
        } catch (IOException e) {
            throw new GradingException("cannot make the results folder '" + results + "' (" + e.getClass().getSimpleName()
                    + "): grade-all keeps each student's result there. Make '" + dir + "' writable, or grade a copy of it.");
        }
        PrintWriter err = spec.commandLine().getErr();
        GradeAllProgress progress = new GradeAllProgress(err, submissions.size() + archives.size(), // every row counts
                System.console() != null, "The finished results are kept in " + results + ": run the same command again to "
                        + "grade the rest.");
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger skipped = new AtomicInteger();
        AtomicInteger graded = new AtomicInteger();
        for (String archive : archives) {
            failed.incrementAndGet();
            writeFailure(results, stem(archive), "'" + archive + "' is an archive, and the grader never unpacks one: "
                    + "unpack it into a folder '" + stem(archive) + "' next to it and run grade-all again");
            progress.step(stem(archive));
        }
        GradingKey keys = GradingKey.forRun(rubric);
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Path submission : submissions) {
                futures.add(pool.submit(() -> {
                    String name = submission.getFileName().toString();
                    Path resultFile = results.resolve(name + ".json");
                    try {
                        String key = keys.of(Submission.open(submission).contentHash());
                        if (keyOf(resultFile).equals(key)) {
                            skipped.incrementAndGet();
                        } else {
                            GradeReport report = Grader.grade(submission, rubric);
                            ObjectNode stored = (ObjectNode) JSON.readTree(Reports.json(report));
                            stored.put(GRADING_KEY, key);
                            GradeCommand.writeAtomically(results, name + ".json", stored.toPrettyString());
                            graded.incrementAndGet();
                        }
                    } catch (KitException | IllegalArgumentException | UncheckedIOException e) {
                        failed.incrementAndGet();
                        writeFailure(results, name, e.getMessage());
                    } catch (RuntimeException e) {
                        failed.incrementAndGet();
                        writeFailure(results, name, "internal error in the grader: " + e);
                    }
                    progress.step(name);
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
            progress.close();
        }
        Path gradebook = csv == null ? dir.resolve("gradebook.csv") : csv;
        List<String> students = new ArrayList<>(submissions.stream().map(p -> p.getFileName().toString()).toList());
        archives.forEach(a -> students.add(stem(a)));
        students.sort(null);
        int rows = writeGradebook(students, results, rubric, gradebook);
        PrintWriter out = spec.commandLine().getOut();
        int total = submissions.size() + archives.size();
        out.printf("%d submission(s): %d graded now, %d kept from the last run (unchanged, same rubric and grader), "
                        + "%d could not be graded; gradebook: %s (%d rows)%n",
                total, graded.get(), skipped.get(), failed.get(),
                gradebook, rows);
        out.flush();
        return failed.get() == 0 ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }

    /** The field of a stored result that holds its {@link GradingKey}. */
    static final String GRADING_KEY = "gradingKey";

    /**
     * The archives among {@code files} with no folder of the same name beside them: a student whose
     * upload was never unpacked. (An archive next to its unpacked folder is a leftover, and ignored.)
     */
    static List<String> unpackedArchivesMissing(List<Path> files, List<Path> folders) {
        List<String> names = folders.stream().map(p -> p.getFileName().toString()).toList();
        return files.stream().map(p -> p.getFileName().toString())
                .filter(n -> !stem(n).equals(n) && !names.contains(stem(n)))
                .toList();
    }

    /** {@code erin} for {@code erin.zip}: see {@link Submission#archiveStem}. */
    static String stem(String fileName) {
        return Submission.archiveStem(fileName);
    }

    private static String keyOf(Path resultFile) {
        try {
            if (!Files.exists(resultFile)) {
                return "";
            }
            JsonNode node = JSON.readTree(resultFile.toFile());
            return node.path(GRADING_KEY).asText("");
        } catch (IOException e) {
            return ""; // a damaged result is graded again
        }
    }

    private static void writeFailure(Path results, String name, String message) {
        var node = JSON.createObjectNode();
        node.put("submission", name);
        node.put("contentHash", "");
        node.put("score", 0);
        node.put("error", message);
        GradeCommand.writeAtomically(results, name + ".json", node.toPrettyString());
    }

    /** Rebuilds the CSV from the stored results, atomically; returns the number of student rows. */
    static int writeGradebook(List<String> students, Path results, Rubric rubric, Path gradebook) throws IOException {
        List<String> ids = new ArrayList<>(rubric.exercises().keySet());
        StringBuilder csv = new StringBuilder("student");
        ids.forEach(id -> csv.append(',').append(id));
        csv.append(",total,maxScore,note\n");
        int rows = 0;
        for (String name : students) {
            Path file = results.resolve(name + ".json");
            if (!Files.exists(file)) {
                continue;
            }
            JsonNode node = JSON.readTree(file.toFile());
            csv.append(cell(name));
            for (String id : ids) {
                String value = "0";
                for (JsonNode ex : node.path("exercises")) {
                    if (id.equals(ex.path("id").asText())) {
                        value = number(ex.path("score").asDouble());
                    }
                }
                csv.append(',').append(value);
            }
            csv.append(',').append(number(node.path("score").asDouble()))
                    .append(',').append(number(rubric.maxScore()))
                    .append(',').append(cell(note(node))).append('\n');
            rows++;
        }
        Path parent = gradebook.toAbsolutePath().getParent();
        GradeCommand.writeAtomically(parent, gradebook.getFileName().toString(), csv.toString());
        return rows;
    }

    /**
     * The note of a student's row: why the submission could not be graded, and which exercises have
     * {@code review:} lines (code using reflection, processes, the grader's classes...), so an instructor
     * scanning a class sees whom to look at.
     */
    static String note(JsonNode report) {
        List<String> notes = new ArrayList<>();
        String error = report.path("error").asText("");
        if (!error.isEmpty()) {
            notes.add(error);
        }
        List<String> flagged = new ArrayList<>();
        int flags = 0;
        for (JsonNode ex : report.path("exercises")) {
            int here = 0;
            for (JsonNode line : ex.path("feedback")) {
                if (line.asText().startsWith("review: ")) {
                    here++;
                }
            }
            if (here > 0) {
                flagged.add(ex.path("id").asText());
                flags += here;
            }
        }
        if (flags > 0) {
            notes.add("review: " + flags + " flagged use(s) in " + String.join(" ", flagged)
                    + " (see the report's review lines)");
        }
        return String.join("; ", notes);
    }

    private static String number(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.format(Locale.ROOT, "%.2f", d);
    }

    /**
     * One CSV cell. Folder names and notes come from students: a line break in one would start a new row, and a
     * cell starting with {@code = + - @} or a tab is a formula to a spreadsheet ({@code =HYPERLINK(...)}), so line
     * breaks become spaces, other control characters escapes, and such a cell gets a leading {@code '} (numbers
     * excepted).
     */
    static String cell(String raw) {
        String s = StudentText.lines(raw).replace('\n', ' ');
        if (!s.isEmpty() && "=+-@\t".indexOf(s.charAt(0)) >= 0 && !s.matches("[-+]?\\d+(\\.\\d+)?")) {
            s = "'" + s;
        }
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
