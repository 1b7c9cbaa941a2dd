package dev.alloclab.cli;

import dev.alloclab.core.IoReason;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alloclab.core.KitException;
import dev.alloclab.grader.FileNames;
import dev.alloclab.grader.GradeReport;
import dev.alloclab.grader.Grader;
import dev.alloclab.grader.GradingException;
import dev.alloclab.grader.StudentText;
import dev.alloclab.grader.Submission;
import dev.alloclab.grader.report.Reports;
import dev.alloclab.grader.rubric.Rubric;
import dev.alloclab.grader.rubric.RubricLoader;
import dev.alloclab.grader.run.WorkerUser;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
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
 *
 * <p>One student cannot spoil the run for the others. The time limits are wall-clock limits, so a grading that was
 * stopped by one while classmates were graded beside it is graded again alone once the parallel pass is over, and
 * that grade is kept ({@link GradingOverlap}, {@link TimeLimitStops}). And since student code may end this very
 * process (without {@code --worker-user}), a marker names each submission while its code runs; the next run grades
 * the submissions a dead run left markers for last, alone, after the gradebook of everyone else is written
 * ({@link GradingMarkers}).
 *
 * <p>One run per class folder: a run holds {@link ClassFolderLock} on the results folder, and a second one started
 * meanwhile refuses (it would take the first one's writes for a student's tampering).
 */
@Command(name = "grade-all", header = "Grade every submission in a folder, in parallel, into a CSV gradebook.",
        description = {"Every folder directly inside DIR is one student's submission."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            " 0:every submission graded, whatever its score (the scores are in the gradebook)",
            " 1:some submissions could not be graded (their gradebook rows say why)",
            " 2:bad command line or unreadable input (DIR, rubric), a --csv that cannot be written, or another "
                    + "grade-all is grading DIR",
            "70:a bug in alloclab (the stack trace is printed: please report it)"})
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

    @Option(names = "--worker-user", paramLabel = "NAME", split = ",", description = "run the student's code as these "
            + "unprivileged users, one per grading at a time (NAME[,NAME...]; --jobs at most their number; Linux, the "
            + "grader running as root), so it cannot rewrite the stored results (see docs/instructors.md)")
    List<String> workerUsers;

    /** The folder a Mac archive adds beside the files it holds ({@code ._*} metadata): never a submission. */
    static final String MAC_METADATA = "__MACOSX";

    @Override
    public Integer call() throws Exception {
        if (csv != null) {
            OutputTargets.checkGradebook(csv, dir);
        }
        if (!Files.isDirectory(dir)) {
            throw new GradingException("'" + dir + "' is not a folder. Pass the folder that holds one folder "
                    + "per student.");
        }
        if (csv == null) {
            OutputTargets.checkGradebook(null, dir);
        }
        int parallel = jobs == null ? Runtime.getRuntime().availableProcessors() : jobs;
        if (parallel < 1) {
            throw new GradingException("--jobs must be at least 1, but was " + parallel + ".");
        }
        BlockingQueue<WorkerUser> workers = workerPool(parallel);
        if (workers != null) {
            parallel = Math.min(parallel, workers.size());
        }
        Rubric rubric = rubricFile == null ? RubricLoader.defaultRubric() : RubricLoader.load(rubricFile);
        dev.alloclab.grader.compile.JdkCompiler.require("grade-all");
        List<Path> submissions;
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            List<Path> all = list.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
            // a Mac archive of the whole class unpacks a __MACOSX folder of metadata beside the students: no student
            List<Path> macMetadata = all.stream().filter(p -> p.getFileName().toString().equals(MAC_METADATA)
                    && Files.isDirectory(p)).toList();
            if (!macMetadata.isEmpty()) {
                spec.commandLine().getErr().printf("grade-all: note: skipped '%s' in '%s': the metadata a Mac archive "
                        + "adds, not a student's submission.%n", MAC_METADATA, dir);
            }
            submissions = all.stream().filter(Files::isDirectory).filter(p -> !macMetadata.contains(p)).toList();
            files = all.stream().filter(p -> !Files.isDirectory(p)).toList();
        }
        List<String> archives = unpackedArchivesMissing(files, submissions);
        List<String> looseSources = files.stream().map(FileNames::shown)
                .filter(n -> n.toLowerCase(java.util.Locale.ROOT).endsWith(".java")).toList();
        if (!looseSources.isEmpty() && !(submissions.isEmpty() && archives.isEmpty())) {
            // an upload of single files (as an LMS hands them out) is no submission: it gets no row, so say so
            spec.commandLine().getErr().printf("grade-all: note: %s in '%s' %s not graded and %s no row in the "
                    + "gradebook: %s. Every student is a folder laid out like the starter (src/main/java/...): put each "
                    + "student's files in a folder of their own, then run grade-all again.%n",
                    looseSources.size() == 1 ? "1 loose .java file" : looseSources.size() + " loose .java files", dir,
                    looseSources.size() == 1 ? "is" : "are", looseSources.size() == 1 ? "has" : "have",
                    String.join(", ", looseSources.subList(0, Math.min(5, looseSources.size())))
                            + (looseSources.size() > 5 ? " and " + (looseSources.size() - 5) + " more" : ""));
        }
        // each folder by the Path the listing returned; its name only for its row, result file and progress line
        StudentNames names = StudentNames.of(submissions, archives.stream().map(GradeAllCommand::stem).toList());
        if (submissions.isEmpty() && archives.isEmpty()) {
            throw new GradingException("'" + dir + "' holds no submission folders. Put each student's submission "
                    + "in a folder of its own inside it.");
        }
        Path results = dir.resolve(RESULTS);
        try {
            Files.createDirectories(results);
        } catch (IOException e) {
            throw new GradingException("cannot make the results folder '" + results + "' (" + IoReason.of(e, results)
                    + "): grade-all keeps each student's result there. Make '" + dir + "' writable, or grade a copy of it.");
        }
        if (workers != null) {
            // the worker users may neither write the results folder nor read it (classmates' grades and feedback),
            // whatever the grader's umask
            Files.setPosixFilePermissions(results, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        }
        // one run per class folder: a second one would take this one's writes for a student's (and grade all twice)
        ClassFolderLock lock = ClassFolderLock.take(results, dir, spec.commandLine().getErr());
        GradingMarkers markers = new GradingMarkers(results);
        // stopped by a signal (Ctrl-C), this run says so in the markers of what it was grading (see GradingMarkers)
        Thread onSignal = new Thread(markers::interruptedNow, "grade-all interrupted: markers");
        Runtime.getRuntime().addShutdownHook(onSignal);
        try {
            return gradeClass(results, markers, parallel, workers, rubric, submissions, archives, names);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(onSignal);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs
            }
            if (lock != null) {
                lock.close();
            }
        }
    }

    /** The class run itself, with the class folder's lock held: {@link #call} checked its input. */
    private int gradeClass(Path results, GradingMarkers markers, int parallel, BlockingQueue<WorkerUser> workers,
                           Rubric rubric, List<Path> submissions, List<String> archives, StudentNames names)
            throws Exception {
        StoredResults stored = StoredResults.open(results); // before any student code runs
        if (rubricFile == null) {
            // a course's rubric forgotten on a re-run would grade the whole class again under the kit's default one
            // and rewrite the gradebook with its columns and points: say so and do nothing
            java.util.Optional<String> course = stored.gradedWithLastRun().stream()
                    .filter(with -> !with.startsWith(GradedWith.DEFAULT_RUBRIC)).findFirst();
            if (course.isPresent()) {
                throw new GradingException("the results in '" + results + "' were graded with " + course.get()
                        + ", and this run has no --rubric: it would grade every submission again with the kit's default"
                        + " rubric and rewrite the gradebook. Run it again with --rubric and the course's rubric file; to"
                        + " grade with the default rubric instead, delete '" + results + "' first.");
            }
        }
        // the submissions a run that died was grading (also before any student code runs): graded last, alone
        List<GradingMarkers.Left> stoppedLastRun = markers.leftByLastRun(submissions.stream().map(names::of).toList());
        List<String> gradedLast = stoppedLastRun.stream().map(GradingMarkers.Left::name).toList();
        // of those, the ones the last run was interrupted grading (Ctrl-C): nothing says their code ended it
        List<String> interrupted = stoppedLastRun.stream().filter(GradingMarkers.Left::interrupted)
                .map(GradingMarkers.Left::name).toList();
        List<String> stoppedBy = gradedLast.stream().filter(n -> !interrupted.contains(n)).toList();
        List<Path> gradedFirst = submissions.stream().filter(p -> !gradedLast.contains(names.of(p))).toList();
        PrintWriter err = spec.commandLine().getErr();
        if (workers != null) {
            dev.alloclab.grader.run.ReadableByWorkerUsers.warnings(dir).forEach(err::println);
        }
        String resumeHint = "The finished results are kept in " + results + ": run the same command again to grade the rest.";
        if (!interrupted.isEmpty()) {
            err.printf("grade-all: the last run was interrupted (Ctrl-C or a stop signal) while grading %s: graded "
                    + "again, last, one at a time with nothing else running, after every other result is stored and "
                    + "the gradebook written.%n", shown(interrupted));
        }
        if (!stoppedBy.isEmpty()) {
            err.printf("grade-all: the last run stopped while grading %s: graded last, one at a time with nothing else "
                    + "running, after every other result is stored and the gradebook written (see docs/instructors.md, "
                    + "\"Grading a class\").%n", shown(stoppedBy));
        }
        err.flush();
        GradeAllProgress progress = new GradeAllProgress(err, gradedFirst.size() + archives.size(), // every row counts
                System.console() != null, resumeHint);
        // by name: a result graded again (see below) counts once
        Set<String> failed = ConcurrentHashMap.newKeySet();
        AtomicInteger skipped = new AtomicInteger();
        Set<String> graded = ConcurrentHashMap.newKeySet();
        for (String archive : archives) {
            failed.add(stem(archive));
            writeFailure(stored, stem(archive), "'" + archive + "' is an archive, and the grader never unpacks one: "
                    + "unpack it into a folder '" + stem(archive) + "' next to it and run grade-all again");
            progress.step(stem(archive), false);
        }
        GradingKey keys = GradingKey.forRun(rubric, rubricFile);
        Set<String> changed = ConcurrentHashMap.newKeySet();
        ClassRun run = new ClassRun(rubric, keys, stored, workers, markers, new GradingOverlap(), graded, skipped, failed);
        Pass beside = Pass.beside(parallel);
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Path submission : gradedFirst) {
                futures.add(pool.submit(() -> {
                    String name = names.of(submission);
                    StoredResults.Lookup last = stored.lookUp(name);
                    boolean forged = last.state() == StoredResults.State.CHANGED;
                    if (forged) {
                        changed.add(name);
                    }
                    progress.started(name);
                    gradeOne(submission, name, run, beside, forged, last);
                    progress.step(name, graded.contains(name));
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            // a result changed after the grader wrote it in this run (student code of a classmate graded later):
            // graded again, so the gradebook and the next run's checksums hold what the grader computed
            futures.clear();
            for (Path submission : gradedFirst) {
                String name = names.of(submission);
                if (stored.changedSinceWritten(name)) {
                    changed.add(name);
                    futures.add(pool.submit(() -> {
                        gradeOne(submission, name, run, beside, true, null);
                        return null;
                    }));
                }
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
            progress.close();
        }
        // nothing else runs from here on: each grading below has the machine to itself
        Map<String, Integer> stoppedBeside = new java.util.TreeMap<>(beside.stoppedBeside());
        if (!stoppedBeside.isEmpty()) {
            err.printf("grade-all: a time limit was reached in %d submission(s) while others were being graded; grading "
                    + "them again, one at a time with nothing else running: %s%n", stoppedBeside.size(),
                    shown(stoppedBeside.keySet()));
            alone(stoppedBeside.keySet(), name -> Pass.again(stoppedBeside.get(name)), submissions, names, run,
                    changed, err, resumeHint);
        }
        Path gradebook = csv == null ? dir.resolve("gradebook.csv") : csv;
        List<String> students = new ArrayList<>(names.all());
        archives.forEach(a -> students.add(stem(a)));
        students.sort(null);
        if (!gradedLast.isEmpty()) {
            // everyone else's grades are safe in the gradebook before the code that may end this process runs again
            for (String name : gradedLast) {
                writeFailure(stored, name, interrupted.contains(name) ? INTERRUPTED_NOT_GRADED_YET : NOT_GRADED_YET);
            }
            writeGradebook(students, stored, rubric, gradebook, names.notes());
            err.printf("grade-all: gradebook written; now grading last, one at a time: %s%n", shown(gradedLast));
            // an interrupted grading's row gets no note: a grade made alone is a normal grade
            alone(gradedLast, name -> Pass.alone(interrupted.contains(name) ? null : GRADED_LAST_NOTE),
                    submissions, names, run, changed, err, resumeHint);
        }
        int rows = writeGradebook(students, stored, rubric, gradebook, names.notes());
        PrintWriter out = spec.commandLine().getOut();
        int total = submissions.size() + archives.size();
        out.printf("%d submission(s): %d graded now, %d kept from the last run (unchanged, same rubric and grader), "
                        + "%d could not be graded; gradebook: %s (%d rows)%n",
                total, graded.size(), skipped.get(), failed.size(),
                gradebook, rows);
        if (!stoppedBeside.isEmpty()) {
            out.printf("%d submission(s) reached a time limit while other submissions were being graded, and were graded "
                    + "again alone (their rows say so): %s.%n", stoppedBeside.size(), shown(stoppedBeside.keySet()));
        }
        if (!interrupted.isEmpty()) {
            out.printf("The last run was interrupted while grading %s: graded again, last and alone.%n",
                    shown(interrupted));
        }
        if (!stoppedBy.isEmpty()) {
            out.printf("The last run stopped while grading %s: graded last and alone (their rows say so). Student code that "
                    + "ends the grader runs as you unless grade-all runs with --worker-user (see docs/instructors.md).%n",
                    shown(stoppedBy));
        }
        if (!changed.isEmpty()) {
            out.printf("%d stored result(s) had been changed by someone else after the grader wrote them, and were "
                    + "graded again: %s. Student code can write '%s' unless grade-all runs with --worker-user "
                    + "(see docs/instructors.md, \"A class on your own machine\").%n",
                    changed.size(), StudentText.line(String.join(", ", new java.util.TreeSet<>(changed))), results);
        }
        out.flush();
        return failed.isEmpty() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }

    /** How one submission is graded: {@link Grader#grade}, or a stand-in in tests. */
    @FunctionalInterface
    interface Grading {
        GradeReport grade(Path folder, Rubric rubric, WorkerUser worker);
    }

    /** How this command grades a submission (tests put a stand-in here). */
    Grading grading = Grader::grade;

    /** What every grading of one class run shares. */
    private record ClassRun(Rubric rubric, GradingKey keys, StoredResults stored, BlockingQueue<WorkerUser> workers,
            GradingMarkers markers, GradingOverlap overlap, Set<String> graded, AtomicInteger skipped, Set<String> failed) {
    }

    /**
     * One pass over submissions: graded beside others (then a grading that reaches a time limit while others ran
     * is kept aside to be graded again alone), or alone, with a note for the row.
     *
     * @param alone        no other grading runs during this pass
     * @param note         the row's note for each result of this pass, or null
     * @param again        this pass grades again what reached a time limit beside others: a stop now is the code's own
     * @param stoppedBeside name -> how many others were being graded, of each grading that reached a time limit
     *                     while others ran (filled by a pass beside others only)
     */
    record Pass(boolean alone, String note, boolean again, Map<String, Integer> stoppedBeside) {
        /** Up to {@code jobs} at once: with one job nothing ever runs beside a grading, and nothing is graded again. */
        static Pass beside(int jobs) {
            return new Pass(jobs == 1, null, false, new ConcurrentHashMap<>());
        }

        /** One grading alone, again, after it reached a time limit while {@code others} were being graded. */
        static Pass again(int others) {
            return new Pass(true, againAloneNote(others), true, new ConcurrentHashMap<>());
        }

        static Pass alone(String note) {
            return new Pass(true, note, false, new ConcurrentHashMap<>());
        }
    }

    /** A row's note when its submission was graded again alone (see {@link GradingOverlap}). */
    static String againAloneNote(int others) {
        // others counts every grading that overlapped it, one after another on --jobs 2: not how many ran at once
        return "graded again alone: a time limit was reached while its grading overlapped " + (others == 1
                ? "another submission's" : others + " other submissions' gradings");
    }

    /** Added to {@link #againAloneNote} when the grading alone reached a time limit too: then it is the code's own. */
    static final String STOPPED_ALONE_TOO = "it reached a time limit alone too";

    /** A row's note when its submission was graded last, alone, because the last run stopped while grading it. */
    static final String GRADED_LAST_NOTE = "graded last and alone: the last grade-all run stopped while grading it (its "
            + "code may end the grader's process; see docs/instructors.md)";

    /**
     * The row a submission the last run was interrupted grading has in the gradebook written before it is graded
     * again: it stays if this run stops too before that grading is done.
     */
    static final String INTERRUPTED_NOT_GRADED_YET = "not graded yet: a grade-all run was interrupted (Ctrl-C or a stop "
            + "signal) while grading this submission, and the next run stopped before grading it again: run grade-all "
            + "again";

    /**
     * The row such a submission has in the gradebook written before it is graded: it stays if grading it stops
     * this run too.
     */
    static final String NOT_GRADED_YET = "not graded: a grade-all run stopped while grading this submission, and so did "
            + "the next one, which graded it last and alone: its code may end the grader's process. Grade the class with "
            + "--worker-user (see docs/instructors.md, \"A class on your own machine\"), or look at its tests";

    /**
     * Grades {@code names}, in that order, one at a time on this thread (nothing else runs), each with the note
     * {@code pass} gives it, with a progress line of their own.
     */
    private void alone(java.util.Collection<String> names, java.util.function.Function<String, Pass> pass,
                       List<Path> submissions, StudentNames studentNames, ClassRun run, Set<String> changed,
                       PrintWriter err, String resumeHint) throws InterruptedException {
        Map<String, Path> byName = new LinkedHashMap<>();
        submissions.forEach(p -> byName.put(studentNames.of(p), p));
        try (GradeAllProgress progress = new GradeAllProgress(err, names.size(), System.console() != null, resumeHint)) {
            for (String name : names) {
                progress.started(name);
                gradeOne(byName.get(name), name, run, pass.apply(name), changed.contains(name), null);
                progress.step(name, run.graded().contains(name));
            }
        }
    }

    /** Names for a line of the terminal (student names may hold control characters): at most ten, then how many more. */
    static String shown(java.util.Collection<String> names) {
        List<String> listed = names.stream().limit(10).map(StudentText::line).toList();
        return String.join(", ", listed) + (names.size() > 10 ? " and " + (names.size() - 10) + " more" : "");
    }

    /**
     * Grades one submission, or keeps its stored result when that is as the grader wrote it and its key matches.
     * While its student code runs, a marker in the results folder says so (see {@link GradingMarkers}). A grading
     * that reached a time limit while others were being graded is stored without its key (a later run never keeps
     * it) and set aside in {@code pass} to be graded again alone.
     *
     * @param name    its row's name ({@link StudentNames})
     * @param forged  its stored result was changed by someone else: the new one carries {@link StoredResults#CHANGED_NOTE}
     * @param last    its stored result as read before, or null to grade it whatever is stored
     */
    private void gradeOne(Path submission, String name, ClassRun run, Pass pass, boolean forged, StoredResults.Lookup last)
            throws InterruptedException {
        StoredResults stored = run.stored();
        try {
            String key = run.keys().of(Submission.open(submission).contentHash());
            if (last != null && last.state() == StoredResults.State.AS_WRITTEN && keyOf(last.bytes()).equals(key)) {
                stored.keep(name, last.bytes());
                run.markers().done(name);
                run.skipped().incrementAndGet();
                return;
            }
            run.markers().grading(name, pass.alone()); // before a worker user is taken: a failed write returns none
            WorkerUser worker = run.workers() == null ? null : run.workers().take();
            GradeReport report;
            int others;
            GradingOverlap.Grading grading = run.overlap().start();
            try {
                report = this.grading.grade(submission, run.rubric(), worker).withGradedWith(run.keys().gradedWith());
            } finally {
                others = run.overlap().end(grading);
                if (worker != null) {
                    run.workers().put(worker);
                }
            }
            if (run.markers().interrupted()) {
                return; // the signal may have cut this grading short: nothing is stored, its marker says interrupted
            }
            boolean stopped = TimeLimitStops.in(report);
            boolean againAlone = stopped && others > 0 && !pass.alone();
            ObjectNode result = (ObjectNode) JSON.readTree(Reports.json(report));
            if (!againAlone) {
                result.put(GRADING_KEY, key); // a grade spoiled by a classmate's load is never kept by a later run
            }
            if (forged) {
                result.put(STORED_RESULT_NOTE, StoredResults.CHANGED_NOTE);
            }
            if (pass.note() != null) {
                result.put(CLASS_RUN_NOTE, pass.note() + (stopped && pass.again() ? "; " + STOPPED_ALONE_TOO : ""));
            }
            stored.write(name, result.toPrettyString());
            run.markers().done(name);
            if (againAlone) {
                pass.stoppedBeside().put(name, others);
            } else {
                pass.stoppedBeside().remove(name); // graded again in this pass (its result was changed) without a stop
            }
            run.graded().add(name);
            run.failed().remove(name);
        } catch (KitException | IllegalArgumentException | UncheckedIOException e) {
            run.graded().remove(name);
            run.failed().add(name);
            writeFailure(stored, name, e.getMessage());
            run.markers().done(name);
        } catch (IOException | RuntimeException e) {
            run.graded().remove(name);
            run.failed().add(name);
            writeFailure(stored, name, "internal error in the grader: " + e);
            run.markers().done(name);
        }
    }

    /**
     * The users of {@code --worker-user}, checked, as a pool a grading takes one from and gives it back to; null
     * without the option. Refuses more jobs than users: the end of one grading kills every process of its user.
     */
    private BlockingQueue<WorkerUser> workerPool(int parallel) {
        if (workerUsers == null || workerUsers.isEmpty()) {
            return null;
        }
        if (new java.util.HashSet<>(workerUsers).size() != workerUsers.size()) {
            throw new GradingException("--worker-user names a user twice (" + String.join(",", workerUsers) + "): each "
                    + "grading at a time needs a user of its own. Name each user once.");
        }
        if (jobs != null && jobs > workerUsers.size()) {
            throw new GradingException("--jobs " + jobs + " needs " + jobs + " worker users, one per grading at a time "
                    + "(when a grading ends, every process of its user is ended), but --worker-user names "
                    + workerUsers.size() + ". Name more users (--worker-user u1,u2,...) or lower --jobs.");
        }
        BlockingQueue<WorkerUser> pool = new LinkedBlockingQueue<>();
        for (String name : workerUsers.subList(0, Math.min(parallel, workerUsers.size()))) {
            pool.add(WorkerUser.named(name));
        }
        return pool;
    }

    /** The field of a stored result that says why it was graded again (see {@link StoredResults}). */
    static final String STORED_RESULT_NOTE = "storedResultNote";

    /**
     * The field of a stored result that says how this class run graded it (again alone, or last and alone); see
     * {@link GradingOverlap} and {@link GradingMarkers}.
     */
    static final String CLASS_RUN_NOTE = "classRunNote";

    /** The field of a stored result that holds its {@link GradingKey}. */
    static final String GRADING_KEY = "gradingKey";

    /**
     * The archives among {@code files} with no folder of the same name beside them: a student whose
     * upload was never unpacked. (An archive next to its unpacked folder is a leftover, and ignored.)
     */
    static List<String> unpackedArchivesMissing(List<Path> files, List<Path> folders) {
        List<String> names = folders.stream().map(FileNames::shown).toList();
        return files.stream().map(FileNames::shown)
                .filter(n -> !stem(n).equals(n) && !names.contains(stem(n)))
                .toList();
    }

    /** {@code erin} for {@code erin.zip}: see {@link Submission#archiveStem}. */
    static String stem(String fileName) {
        return Submission.archiveStem(fileName);
    }

    private static String keyOf(byte[] stored) {
        try {
            return JSON.readTree(stored).path(GRADING_KEY).asText("");
        } catch (IOException e) {
            return ""; // a damaged result is graded again
        }
    }

    private static void writeFailure(StoredResults stored, String name, String message) {
        var node = JSON.createObjectNode();
        node.put("submission", name);
        node.put("contentHash", "");
        node.put("score", 0);
        node.put("error", message);
        stored.write(name, node.toPrettyString());
    }

    /**
     * Rebuilds the CSV from the results as this run wrote or kept them (never read back from the folder, where
     * student code might have changed them), atomically; returns the number of student rows. {@code nameNotes} adds
     * a note to a student's row (their folder's name: see {@link StudentNames}).
     */
    static int writeGradebook(List<String> students, StoredResults results, Rubric rubric, Path gradebook,
                              Map<String, String> nameNotes) throws IOException {
        List<String> ids = new ArrayList<>(rubric.exercises().keySet());
        StringBuilder csv = new StringBuilder("student");
        ids.forEach(id -> csv.append(',').append(id));
        csv.append(",total,maxScore,note\n");
        Map<String, JsonNode> reports = new LinkedHashMap<>();
        for (String name : students) {
            byte[] result = results.asWritten(name);
            if (result != null) {
                reports.put(name, JSON.readTree(result));
            }
        }
        Map<String, List<String>> sameFiles = sameFiles(reports);
        int rows = 0;
        for (Map.Entry<String, JsonNode> row : reports.entrySet()) {
            String name = row.getKey();
            JsonNode node = row.getValue();
            csv.append(nameCell(name));
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
                    .append(',').append(cell(withNameNote(withSameFiles(note(node), name, sameFiles.get(name)),
                            nameNotes.get(name)))).append('\n');
            rows++;
        }
        Path parent = gradebook.toAbsolutePath().getParent();
        GradeCommand.writeAtomically(parent, gradebook.getFileName().toString(), csv.toString());
        return rows;
    }

    /**
     * The students whose submissions hold exactly the same files (the same content hash), by student: a class of
     * 120 deserves to know that two folders are one piece of work, and the hash is at hand.
     */
    static Map<String, List<String>> sameFiles(Map<String, JsonNode> reports) {
        Map<String, List<String>> byHash = new LinkedHashMap<>();
        reports.forEach((name, node) -> {
            String hash = node.path("contentHash").asText("");
            if (!hash.isEmpty()) {
                byHash.computeIfAbsent(hash, h -> new ArrayList<>()).add(name);
            }
        });
        Map<String, List<String>> same = new LinkedHashMap<>();
        for (List<String> group : byHash.values()) {
            if (group.size() > 1) {
                group.forEach(name -> same.put(name, group.stream().filter(other -> !other.equals(name)).toList()));
            }
        }
        return same;
    }

    private static String withNameNote(String note, String nameNote) {
        return nameNote == null ? note : note.isEmpty() ? nameNote : nameNote + "; " + note;
    }

    /** {@code note} with "same files as ..." added when other students handed in the same files (at most three named). */
    static String withSameFiles(String note, String name, List<String> others) {
        if (others == null || others.isEmpty()) {
            return note;
        }
        String listed = String.join(", ", others.subList(0, Math.min(3, others.size())))
                + (others.size() > 3 ? " and " + (others.size() - 3) + " more" : "");
        String same = "same files as " + listed;
        return note.isEmpty() ? same : note + "; " + same;
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
        String changed = report.path(STORED_RESULT_NOTE).asText("");
        if (!changed.isEmpty()) {
            notes.add(changed);
        }
        String classRun = report.path(CLASS_RUN_NOTE).asText("");
        if (!classRun.isEmpty()) {
            notes.add(classRun);
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
     * A student's name as a CSV cell: control characters escaped as every report shows them ({@code \u000D}), so two
     * folders never read the same (a line break that became a space made {@code \rCR} and {@code " CR"} one name),
     * and a leading {@code = + - @} or tab quoted even before a number: {@code +1} is a name, not the number 1.
     */
    static String nameCell(String raw) {
        String s = StudentText.line(raw);
        if (!s.isEmpty() && "=+-@\t".indexOf(s.charAt(0)) >= 0) {
            s = "'" + s;
        }
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
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
