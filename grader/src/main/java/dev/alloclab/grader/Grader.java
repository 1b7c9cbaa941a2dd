package dev.alloclab.grader;

import static dev.alloclab.companion.CoverageRule.wholePercent;

import dev.alloclab.companion.CoverageRule;
import dev.alloclab.core.IoReason;
import dev.alloclab.core.KitException;
import dev.alloclab.core.course.Curriculum;
import dev.alloclab.core.course.Exercise;
import dev.alloclab.core.trace.TraceBundle;
import dev.alloclab.grader.compile.CompiledExercise;
import dev.alloclab.grader.compile.HiddenSuites;
import dev.alloclab.grader.compile.SubmissionCompiler;
import dev.alloclab.companion.ClassFiles;
import dev.alloclab.companion.review.ReviewFlag;
import dev.alloclab.grader.rubric.Rubric;
import dev.alloclab.grader.run.ExerciseRun;
import dev.alloclab.grader.run.SubmissionRunner;
import dev.alloclab.grader.run.TestOutcome;
import dev.alloclab.grader.run.WorkerJob;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Grades one submission: compile (per exercise, in process), run (one grading JVM, per-exercise
 * class loaders and time limits), score (hidden suite, coverage, performance, by the rubric).
 *
 * <pre>{@code
 * GradeReport report = Grader.grade(Path.of("submissions/ada"), RubricLoader.defaultRubric());
 * }</pre>
 *
 * <p>Scoring rules (also in docs/instructors.md):
 * <ul>
 *   <li>hidden: points x passed hidden tests / hidden tests discovered;</li>
 *   <li>coverage: of the exercise's main classes and the shared main classes they reach (see
 *       {@link dev.alloclab.companion.SharedMainCode}); earned only when the hidden part earned something (coverage
 *       of a stub measures nothing); full points when line and branch coverage reach the thresholds, otherwise
 *       points x the smaller of the two ratios to their thresholds;</li>
 *   <li>performance (segregated-fits): earned only when every hidden test passed, from the
 *       utilization and throughput the hidden suite measured (see {@link Rubric.PerformancePart}).</li>
 * </ul>
 */
public final class Grader {
    private Grader() {
    }

    /** Grades the submission in {@code folder} under {@code rubric}. */
    public static GradeReport grade(Path folder, Rubric rubric) {
        return grade(folder, rubric, null);
    }

    /**
     * Grades the submission in {@code folder} under {@code rubric}, its grading JVM run as {@code workerUser} (see
     * {@link dev.alloclab.grader.run.WorkerUser}), or as the grader's own user when that is null.
     */
    public static GradeReport grade(Path folder, Rubric rubric, dev.alloclab.grader.run.WorkerUser workerUser) {
        long start = System.nanoTime();
        Submission submission = Submission.open(folder);
        Timings.mark("submission read");
        Path work;
        try {
            work = UnfinishedGradings.register(Files.createTempDirectory(UnfinishedGradings.PREFIX));
        } catch (IOException e) {
            // a machine's problem, not the submission's: say which folder and what to do, not NoSuchFileException
            throw new KitException("cannot make the grading folder in the temp folder "
                    + System.getProperty("java.io.tmpdir") + ": " + IoReason.of(e)
                    + ". Point java.io.tmpdir at a folder you can write (ALLOCLAB_JAVA_OPTS=-Djava.io.tmpdir=DIR), "
                    + "or leave it unset for /tmp.", e);
        }
        try {
            List<Exercise> exercises = Curriculum.exercises().stream()
                    .filter(e -> rubric.exercises().containsKey(e.id())).toList();
            // the grading JVM boots while javac works: it costs about as much as compiling does
            SubmissionRunner runner = new SubmissionRunner(rubric.limits(), work, hiddenParameters(rubric), workerUser,
                    submission.root());
            runner.prestart();
            Timings.mark("compiling");
            Map<String, CompiledExercise> compiled;
            SubmissionCompiler compiler = new SubmissionCompiler(work);
            try {
                compiled = compiler.compile(submission, exercises);
            } catch (RuntimeException e) {
                runner.close();
                throw e;
            }
            long compiledAt = System.nanoTime();
            List<WorkerJob.Exercise> jobs = new ArrayList<>();
            for (CompiledExercise c : compiled.values()) {
                if (c.runnable()) {
                    Map<String, byte[]> main = new LinkedHashMap<>(c.sharedMainClasses());
                    main.putAll(c.mainClasses());
                    // the bytes the review read, not the folders: files student code writes while grading are never loaded
                    jobs.add(new WorkerJob.Exercise(c.exercise().id(),
                            last(c.mainDirs()), binaryNames(main), last(c.testDirs()), binaryNames(c.testClasses()),
                            c.testResources(), classFiles(c.hiddenDir()), c.studentTests(), c.hiddenTests(),
                            HiddenSuites.reportingTests(c.exercise())));
                }
                // the grading JVM gets the hidden suites' bytes in the job: off the disk before student code runs,
                // they cannot be read back (and decompiled into feedback) nor rewritten
                TempFolders.deleteQuietly(c.hiddenDir());
            }
            // the grader only waits while the grading JVM runs: load the coverage analysis meanwhile
            List<CompiledExercise> toAnalyse = compiled.values().stream().filter(CompiledExercise::runnable).toList();
            Thread warmUp = new Thread(() -> toAnalyse.forEach(c -> CoverageAnalysis.warmUp(c.measuredClasses())),
                    "coverage-warm-up");
            warmUp.setDaemon(true);
            warmUp.start();
            Map<String, ExerciseRun> runs;
            try (runner) {
                runs = jobs.isEmpty() ? Map.of() : runner.run(jobs);
            }
            if (Timings.enabled()) {
                System.err.printf(Locale.ROOT, "timings: compile %.2f s, grading JVM %.2f s, total %.2f s%n",
                        (compiledAt - start) / 1e9, (System.nanoTime() - compiledAt) / 1e9, (System.nanoTime() - start) / 1e9);
            }
            joinQuietly(warmUp);
            List<ExerciseGrade> grades = new ArrayList<>();
            for (Exercise e : exercises) {
                ExerciseGrade scored = pointToPackageNote(Scorer.score(compiled.get(e.id()), runs.get(e.id()),
                        rubric.exercises().get(e.id())), e, submission);
                scored = withEncodingNotes(scored, submission, concat(submission.mainSources(e), submission.testSources(e)));
                scored = withUncountedTestsNote(scored, e, submission.testSources(e));
                grades.add(withMisplacedTestsNote(scored, e, submission.mainSources(e)));
            }
            Timings.mark("scored");
            double score = round(grades.stream().mapToDouble(ExerciseGrade::score).sum());
            double seconds = (System.nanoTime() - start) / 1e9;
            List<String> notes = new ArrayList<>(submission.notes());
            notes.addAll(compiler.sharedCodeNotes());
            notes.addAll(encodingNotes(submission, concat(submission.commonMainSources(), submission.commonTestSources())));
            return new GradeReport(submission.name(), submission.contentHash(), score, round(rubric.maxScore()),
                    grades, notes, Math.round(seconds * 10) / 10.0);
        } finally {
            UnfinishedGradings.finished(work);
        }
    }

    private static void joinQuietly(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static double round(double points) {
        return Math.round(points * 100) / 100.0;
    }

    private static String last(List<Path> paths) {
        return paths.get(paths.size() - 1).toString();
    }

    /** Class files by internal name ({@code a/b/C$D}) to the same bytes by binary name ({@code a.b.C$D}). */
    private static Map<String, byte[]> binaryNames(Map<String, byte[]> byInternalName) {
        Map<String, byte[]> classes = new LinkedHashMap<>();
        byInternalName.forEach((name, bytes) -> classes.put(name.replace('/', '.'), bytes));
        return classes;
    }

    /**
     * An exercise that is missing or does not compile gets one more feedback line when a note says a file in
     * (or for) its folder declares another package: the compiler's "cannot find symbol" lines do not say so.
     */
    /**
     * The grade with one feedback line per source of the exercise that is not saved as UTF-8: the grader compiled it
     * as javac under mvn test does (see {@link dev.alloclab.grader.compile.SourceEncoding}), and says which bytes
     * became U+FFFD.
     */
    static ExerciseGrade withEncodingNotes(ExerciseGrade grade, Submission submission, List<Path> sources) {
        List<String> notes = encodingNotes(submission, sources);
        if (notes.isEmpty()) {
            return grade;
        }
        List<String> feedback = new ArrayList<>(grade.feedback());
        List<String> notText = encodingNotes(submission, sources.stream().filter(Grader::isNotText).toList());
        // a file that is no text (UTF-16, NUL bytes) is why the compiler's list is a flood: say so before it
        feedback.addAll(Math.min(1, feedback.size()), notText.stream().map(n -> "first check the file: " + n).toList());
        notes.stream().filter(n -> !notText.contains(n)).forEach(feedback::add);
        return new ExerciseGrade(grade.id(), grade.status(), grade.score(), grade.maxScore(), grade.parts(), feedback);
    }

    private static boolean isNotText(Path file) {
        try {
            return dev.alloclab.grader.compile.SourceEncoding.isNotText(Files.readAllBytes(file));
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The grade with a feedback line naming the exercise's test files that look like the student's own tests but are
     * not counted ({@code BumpAllocatorStudentTests.java}: Surefire's {@code *Tests} pattern runs it under mvn test,
     * the grader counts only classes whose name ends in StudentTest), as {@code alloclab coverage} names them.
     */
    /**
     * The grade with a line for each test class saved under {@code src/main/java} (QA windows27 M2: "no *StudentTest
     * class found, write your own tests" to a student who had written them): the grader compiles it as the exercise's
     * code and never runs it, and {@code mvn test} does not compile it (JUnit is not on the main class path).
     */
    static ExerciseGrade withMisplacedTestsNote(ExerciseGrade grade, Exercise exercise, List<Path> mainSources) {
        List<String> tests = mainSources.stream().map(f -> FileNames.shown(f.getFileName()))
                .filter(n -> n.endsWith("Test.java") || n.endsWith("Tests.java")).sorted().toList();
        if (tests.isEmpty()) {
            return grade;
        }
        List<String> feedback = new ArrayList<>(grade.feedback());
        feedback.add(String.join(", ", tests) + (tests.size() == 1 ? " is" : " are") + " under src/main/java, where "
                + "tests never run (and mvn test cannot compile them): move " + (tests.size() == 1 ? "it" : "them")
                + " to src/test/java/" + exercise.javaPackage().replace('.', '/') + "/.");
        return new ExerciseGrade(grade.id(), grade.status(), grade.score(), grade.maxScore(), grade.parts(), feedback);
    }

    static ExerciseGrade withUncountedTestsNote(ExerciseGrade grade, Exercise exercise, List<Path> testSources) {
        List<String> uncounted = dev.alloclab.companion.UncountedTestFiles.in(testSources.stream()
                .map(f -> FileNames.shown(f.getFileName())).toList(), exercise,
                path -> dev.alloclab.companion.StarterCopies.starterFile(path).isPresent());
        if (uncounted.isEmpty()) {
            return grade;
        }
        List<String> feedback = new ArrayList<>(grade.feedback());
        dev.alloclab.companion.UncountedTestFiles.sentences(uncounted).forEach(l -> feedback.add("not counted for coverage: " + l));
        return new ExerciseGrade(grade.id(), grade.status(), grade.score(), grade.maxScore(), grade.parts(), feedback);
    }

    private static List<String> encodingNotes(Submission submission, List<Path> sources) {
        List<String> notes = new ArrayList<>();
        for (Path file : sources) {
            try {
                dev.alloclab.grader.compile.SourceEncoding.note(
                        FileNames.shownRelative(submission.root().relativize(file)), Files.readAllBytes(file))
                        .ifPresent(notes::add);
            } catch (IOException e) {
                // unreadable: the compile error names it
            }
        }
        return notes;
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    static ExerciseGrade pointToPackageNote(ExerciseGrade grade, Exercise exercise, Submission submission) {
        if (!grade.status().equals(ExerciseGrade.MISSING) && !grade.status().equals(ExerciseGrade.COMPILE_ERROR)
                && !grade.status().equals(ExerciseGrade.MISSING_API)) {
            return grade;
        }
        String folder = exercise.javaPackage().substring(exercise.javaPackage().lastIndexOf('.') + 1) + "/";
        return submission.packageNoteAbout(folder).map(note -> {
            List<String> feedback = new ArrayList<>(grade.feedback());
            feedback.add(Math.min(1, feedback.size()), "first check the package line: " + note); // before the compiler's list
            return new ExerciseGrade(grade.id(), grade.status(), grade.score(), grade.maxScore(), grade.parts(), feedback);
        }).orElse(grade);
    }

    /** Turns compile results and runs into points. */
    static final class Scorer {
        private static final int MAX_LISTED = 12;
        /** The student's own failing tests named in the coverage part; the count says how many more. */
        private static final int OWN_FAILURES_LISTED = 3;

        /** {@code header}, then the first {@value #OWN_FAILURES_LISTED} of {@code tests} with their message, then a count. */
        private static void listOwnTests(List<String> details, String header, List<TestOutcome> tests) {
            details.add(header);
            tests.stream().limit(OWN_FAILURES_LISTED).forEach(t -> details.add("  " + t.name() + " — " + firstLine(t.message())));
            if (tests.size() > OWN_FAILURES_LISTED) {
                details.add("  ... and " + (tests.size() - OWN_FAILURES_LISTED) + " more");
            }
        }

        private Scorer() {
        }

        static ExerciseGrade score(CompiledExercise compiled, ExerciseRun run, Rubric.ExerciseRubric rubric) {
            String id = compiled.exercise().id();
            double max = rubric.maxScore();
            if (!compiled.present()) {
                return zero(id, ExerciseGrade.MISSING, max, rubric, "no sources found under src/main/java/"
                        + compiled.exercise().javaPackage().replace('.', '/') + "/: add the exercise's classes there to earn its points.");
            }
            if (!compiled.mainErrors().isEmpty()) {
                List<String> feedback = new ArrayList<>();
                feedback.add("your code does not compile, so none of this exercise's tests could run. Fix the first error:");
                if (compiled.mainErrors().stream().anyMatch(err -> dev.alloclab.companion.CompileErrorHints.NEWER_JAVA.matcher(err).find())) {
                    // javac's own advice (--enable-preview, -source 21) is a fix the grader never applies
                    feedback.add("  " + dev.alloclab.companion.CompileErrorHints.NEWER_JAVA_SENTENCE);
                }
                compiled.mainErrors().stream().limit(MAX_LISTED).forEach(err -> feedback.add("  " + err));
                return zero(id, ExerciseGrade.COMPILE_ERROR, max, rubric, feedback.toArray(String[]::new));
            }
            if (compiled.hiddenErrors().stream().anyMatch(err -> err.startsWith("javac gave up"))) {
                // the compiler ran out of time (a flood of sources, a busy machine): nothing says the API is wrong
                return zero(id, ExerciseGrade.COMPILE_ERROR, max, rubric, "the grader could not compile its tests "
                        + "against your classes: " + compiled.hiddenErrors().get(0));
            }
            if (!compiled.hiddenErrors().isEmpty()) {
                List<String> feedback = new ArrayList<>();
                feedback.add("your classes compile, but the grader's tests cannot call them as the starter declares "
                        + "them: keep the starter's class and method names and signatures.");
                // one line per thing missing: the suite may call one method in many places
                compiled.hiddenErrors().stream().distinct().limit(MAX_LISTED).forEach(err -> feedback.add("  " + err));
                return zero(id, ExerciseGrade.MISSING_API, max, rubric, feedback.toArray(String[]::new));
            }
            if (run == null) {
                return zero(id, ExerciseGrade.STOPPED, max, rubric, "the grader has no hidden tests for this exercise");
            }
            if (run.incident() != null) {
                return zero(id, ExerciseGrade.STOPPED, max, rubric, run.incident());
            }

            List<PartGrade> parts = new ArrayList<>();
            List<String> feedback = new ArrayList<>();

            // hidden suite
            int total = run.plannedHidden().size();
            List<TestOutcome> finished = run.hiddenTests();
            long passed = finished.stream().filter(TestOutcome::passed).filter(t -> run.plannedHidden().contains(t.name())).count();
            List<TestOutcome> failures = finished.stream().filter(t -> !t.passed()).toList();
            // no hidden test passes and stubs are still in the code: "not started" (a stub may cause follow-on failures)
            boolean notStarted = passed == 0 && failures.stream().anyMatch(TestOutcome::notStarted);
            double hiddenScore = total == 0 ? 0 : round(rubric.hiddenPoints() * passed / total);
            List<String> hiddenDetails = new ArrayList<>();
            if (notStarted) {
                // every test stops at a stub: one line naming the stubs says it all, a page of the same message does not
                hiddenDetails.add(failures.size() + " hidden test(s) stop at a stub still to write: " + String.join(", ",
                        failures.stream().filter(TestOutcome::notStarted).map(Grader::stubName).distinct().toList()));
            }
            // a test that stops at a stub did not fail: it is listed with the stubs still to write, not as a failure
            List<TestOutcome> failed = failures.stream().filter(t -> !t.notStarted()).toList();
            List<TestOutcome> atStubs = failures.stream().filter(TestOutcome::notStarted).toList();
            if (!notStarted && !atStubs.isEmpty()) {
                hiddenDetails.add(atStubs.size() + " hidden test(s) stop at a stub still to write: " + String.join(", ",
                        atStubs.stream().map(Grader::stubName).distinct().toList()));
            }
            for (TestOutcome f : notStarted ? List.<TestOutcome>of() : failed.stream().limit(MAX_LISTED).toList()) {
                hiddenDetails.add("failed: " + f.name() + " — "   // no blank line after it
                        + HiddenSuites.withoutSourceLines(f.message().stripTrailing()));
            }
            if (!notStarted && failed.size() > MAX_LISTED) {
                hiddenDetails.add("... and " + (failed.size() - MAX_LISTED) + " more");
            }
            int unfinished = (int) Math.max(0, total - finished.stream().filter(t -> run.plannedHidden().contains(t.name())).count());
            if (unfinished > 0) {
                hiddenDetails.add(unfinished + " hidden test(s) never ran (their class failed as a whole)");
            }
            ReviewFlag kitAnswer = compiled.review().stream()
                    .filter(f -> f.kind() == ReviewFlag.Kind.KIT_ANSWER).findFirst().orElse(null);
            if (kitAnswer != null && hiddenScore > 0) {
                // the tests passed because the kit's own answer ran: nothing of the student's was measured
                parts.add(new PartGrade("hidden", 0, rubric.hiddenPoints(), "withheld: " + passed + "/" + total
                        + " hidden tests passed, but your code calls " + kitAnswer.what() + " (" + kitAnswer.where() + ")",
                        hiddenDetails));
                feedback.add(kitAnswerSentence("hidden", kitAnswer));
            } else {
                parts.add(new PartGrade("hidden", hiddenScore, rubric.hiddenPoints(),
                        passed + "/" + total + " hidden tests passed", hiddenDetails, passed == total));
            }
            if (notStarted) {
                feedback.add("not started: " + failures.stream().filter(TestOutcome::notStarted).findFirst()
                        .orElseThrow().message().replaceFirst("^not started: ", ""));
            }
            // otherwise the hidden part's lines above list each failure with its message: no summary repeats them

            if (run.ownTestsStopped() != null) {
                feedback.add(run.ownTestsStopped() + ".");
            }

            // coverage of the student's own tests
            if (rubric.coverage() != null) {
                Rubric.CoveragePart c = rubric.coverage();
                if (passed == 0) { // tests of a stub cover nothing worth points; a rubric with 0 hidden points still counts
                    parts.add(new PartGrade("coverage", 0, c.points(), "not measured: no hidden test passes yet", List.of()));
                } else if (!compiled.testErrors().isEmpty()) {
                    // said once: the part's summary and the compiler's lines under it
                    List<String> details = compiled.testErrors().stream().limit(MAX_LISTED).map(err -> "  " + err).toList();
                    parts.add(new PartGrade("coverage", 0, c.points(), "your tests do not compile, so their coverage is 0; "
                            + "fix the first error", details));
                } else if (run.coverageUnmeasured() != null) {
                    // said in the feedback: what happened, and that the hidden tests kept their points
                    parts.add(new PartGrade("coverage", 0, c.points(), "not measured: " + run.coverageUnmeasured(),
                            List.of()));
                } else if (compiled.studentTests().isEmpty() && !compiled.starterExamples().isEmpty()) {
                    String example = simpleName(compiled.starterExamples().get(0));
                    parts.add(new PartGrade("coverage", 0, c.points(), example + " is still the starter's example",
                            List.of()));
                    feedback.add(example + " is exactly as the starter ships it, and the starter's example test does not"
                            + " count: add tests of your own to it (or to another ...StudentTest class); they earn the"
                            + " coverage points.");
                } else if (compiled.studentTests().isEmpty()) {
                    parts.add(new PartGrade("coverage", 0, c.points(), "no *StudentTest class found", List.of()));
                    feedback.add("write your own tests in a class named ...StudentTest in the exercise's test package: they earn the coverage points.");
                } else if (withholding(compiled.review()) != null) {
                    ReviewFlag flag = withholding(compiled.review());
                    // the review lines below list every place
                    parts.add(new PartGrade("coverage", 0, c.points(), "withheld: your code uses "
                            + flag.kind().description() + " (" + flag.where() + ")", List.of()));
                    feedback.add(flag.kind() == ReviewFlag.Kind.KIT_ANSWER ? kitAnswerSentence("coverage", flag)
                            : "coverage points withheld: " + flag.sentence() + ". Coverage is recorded inside the JVM "
                            + "your code runs in, and code that uses " + flag.kind().description() + " can change what "
                            + "it records; earn the points with tests that call your code. If your course allows this, "
                            + "ask your instructor to look at it.");
                } else {
                    // the exercise's classes and the shared ones they reach: code moved out of the exercise's
                    // package and forwarded to is still this exercise's code (SharedMainCode)
                    CoverageAnalysis a = CoverageAnalysis.of(run.coverage(), compiled.measuredClasses());
                    double points = new CoverageRule(c.points(), c.line(), c.branch())
                            .pointsEarned(a.lineRatio(), a.branchRatio());
                    // a test of the student's that stops at a stub of theirs did not fail: it is not started
                    List<TestOutcome> failing = run.studentTests().stream()
                            .filter(t -> TestOutcome.FAILED.equals(t.status()) && !t.notStarted()).toList();
                    List<String> details = new ArrayList<>();
                    if (!failing.isEmpty()) {
                        listOwnTests(details, failing.size() + " of your own tests failed (coverage still counts; fix "
                                + "them anyway):", failing);
                        if (failing.stream().anyMatch(t -> missingFile(t.message()))) {
                            details.add(MISSING_FILE_HINT);
                        }
                    }
                    // tests JUnit skipped (@Disabled, an assumption) or would not run (a private or static @Test)
                    List<TestOutcome> skipped = run.studentTests().stream()
                            .filter(t -> TestOutcome.ABORTED.equals(t.status()) && !t.notStarted()).toList();
                    if (!skipped.isEmpty()) {
                        listOwnTests(details, skipped.size() + " of your own tests did not run, so they cover nothing:",
                                skipped);
                    }
                    List<String> unannotated = compiled.unannotatedTests();
                    if (!unannotated.isEmpty()) {
                        details.add(unannotated.size() == 1
                                ? "1 of your test methods never ran: it has no @Test, so JUnit does not know it is a test:"
                                : unannotated.size() + " of your test methods never ran: they have no @Test, so JUnit"
                                        + " does not know they are tests:");
                        unannotated.stream().limit(OWN_FAILURES_LISTED).forEach(m -> details.add("  " + m));
                        if (unannotated.size() > OWN_FAILURES_LISTED) {
                            details.add("  ... and " + (unannotated.size() - OWN_FAILURES_LISTED) + " more");
                        }
                    }
                    parts.add(new PartGrade("coverage", points, c.points(), String.format(Locale.ROOT,
                            "line %d%% (need %d%%), branch %d%% (need %d%%) by your own tests",
                            wholePercent(a.lineRatio()), wholePercent(c.line()), wholePercent(a.branchRatio()),
                            wholePercent(c.branch())), details,
                            new CoverageRule(1, c.line(), c.branch()).fractionEarned(a.lineRatio(), a.branchRatio()) >= 1));
                    if (points < c.points()) {
                        feedback.add(String.format(Locale.ROOT, "your own tests cover %d%% of lines and %d%% of branches; "
                                + "the rubric asks %d%% and %d%%. %s", wholePercent(a.lineRatio()),
                                wholePercent(a.branchRatio()), wholePercent(c.line()), wholePercent(c.branch()),
                                a.notReached().isEmpty()
                                        ? "Test the paths you have not reached yet."
                                        : "Not reached by your tests: " + a.notReachedSentence()
                                        + ". Run ./alloclab coverage " + id + " to see which lines."));
                    }
                }
            }

            // performance (segregated-fits)
            if (rubric.performance() != null) {
                Rubric.PerformancePart p = rubric.performance();
                String util = run.entries().get("alloclab.utilization");
                String kops = run.entries().get("alloclab.kops");
                if (passed < total || total == 0) {
                    // name what blocks it: one edge case (alloc(0), say) costs the whole part, and the student should
                    // know which test to fix first
                    List<String> blocking = run.plannedHidden().stream()
                            .filter(name -> finished.stream().noneMatch(t -> t.passed() && t.name().equals(name)))
                            .map(name -> name.substring(name.lastIndexOf(" > ") < 0 ? 0 : name.lastIndexOf(" > ") + 3))
                            .map(name -> name.replaceFirst("\\(.+\\)$", "(...)")) // not the suite's parameter types
                            .toList();
                    parts.add(new PartGrade("performance", 0, p.points(), notStarted
                            ? "not measured: the exercise is not started (every hidden test stops at a stub)"
                            : "not measured: every hidden test must pass first" + (blocking.isEmpty() ? ""
                            : " (" + (blocking.size() == 1 ? "not passing: " + blocking.get(0)
                            : blocking.size() + " not passing, first " + blocking.get(0)) + ")"), List.of()));
                } else if (compiled.mainFlag() != null) {
                    ReviewFlag flag = compiled.mainFlag();
                    parts.add(new PartGrade("performance", 0, p.points(), "withheld: your allocator's code uses "
                            + flag.kind().description() + " (" + flag.where() + ")", List.of()));
                    feedback.add(flag.kind() == ReviewFlag.Kind.KIT_ANSWER ? kitAnswerSentence("performance", flag)
                            : "performance points withheld: " + flag.sentence() + ". Performance is measured by "
                            + "running your allocator, and code that uses " + flag.kind().description() + " could "
                            + "behave differently while it is timed; an allocator needs none of it.");
                } else if (util == null || kops == null) {
                    parts.add(new PartGrade("performance", 0, p.points(), "no measurement came back", List.of()));
                } else {
                    double u = Double.parseDouble(util);
                    double k = Double.parseDouble(kops);
                    double index = p.index(u, k);
                    double points = round(p.pointsFor(index));
                    List<String> details = new ArrayList<>();
                    run.entries().forEach((key, value) -> {
                        if (key.startsWith("alloclab.trace.")) {
                            details.add(key.substring("alloclab.trace.".length()) + ": " + value);
                        }
                    });
                    parts.add(new PartGrade("performance", points, p.points(), String.format(Locale.ROOT,
                            "utilization %.1f%%, throughput %.0f Kops/s -> index %.1f (0 points at %.0f, full at %.0f)",
                            100 * u, k, index, p.zeroIndex(), p.fullIndex()), details));
                    if (points < p.points()) {
                        feedback.add(String.format(Locale.ROOT, "performance index %.1f of the %.0f needed for full points: "
                                + "raise utilization (less padding and fragmentation) or throughput.", index, p.fullIndex()));
                    }
                }
            }
            // every flag, for the instructor's review (those that withheld nothing too: processes, the network)
            List<String> reviewLines = ReviewFlag.sentences(compiled.review());
            reviewLines.stream().limit(MAX_LISTED).forEach(line -> feedback.add("review: " + line));
            if (reviewLines.size() > MAX_LISTED) {
                feedback.add("review: ... and " + (reviewLines.size() - MAX_LISTED) + " more");
            }
            double score = round(parts.stream().mapToDouble(PartGrade::score).sum());
            String status = notStarted ? ExerciseGrade.NOT_STARTED : ExerciseGrade.GRADED;
            return new ExerciseGrade(id, status, score, max, parts, feedback);
        }

        /**
         * A failure message on one line: its lines up to the first blank one, joined and capped. AssertJ's first line
         * is often a description alone, with "expected" and "but was" on the next ones.
         */
        /**
         * The line under an own test that failed for a file it opens by its path: under mvn test the path resolves
         * from the project folder; the grading JVM runs in a copy of the project's src/ tree (see
         * {@link dev.alloclab.grader.run.SubmissionRunner}), so a file outside src/ is not there.
         */
        static final String MISSING_FILE_HINT = "  a file your test opens by its path was not found: the grader runs "
                + "your tests from a copy of your project's src/ folder, without pom.xml's settings; read test data from "
                + "the class path (put it under src/test/resources, open it with getClass().getResourceAsStream(\"/cases.txt\"))";

        /** True when a failure message says a file was not found (NIO's and java.io's exceptions). */
        private static boolean missingFile(String message) {
            return message != null && (message.contains("NoSuchFileException") || message.contains("FileNotFoundException"));
        }

        private static String firstLine(String message) {
            if (message == null) {
                return "";
            }
            String joined = String.join(" ", message.strip().lines().map(String::strip)
                    .takeWhile(line -> !line.isEmpty()).toList());
            return joined.length() > 200 ? joined.substring(0, 200) + "..." : joined;
        }

        /** The first flag that withholds the coverage points, or null. */
        /**
         * Why a part is withheld from an answer that calls the kit's own answer ({@code ReferenceAllocator},
         * {@code VecMetadata.push}): the tests measured the kit's code, not the student's.
         */
        private static String kitAnswerSentence(String part, ReviewFlag flag) {
            return part + " points withheld: " + flag.sentence() + ". " + ReviewFlag.KIT_ANSWER_WHY;
        }

        private static ReviewFlag withholding(List<ReviewFlag> review) {
            return review.stream().filter(f -> f.kind().withholdsCoverage()).findFirst().orElse(null);
        }

        private static ExerciseGrade zero(String id, String status, double max, Rubric.ExerciseRubric rubric, String... feedback) {
            List<PartGrade> parts = new ArrayList<>();
            parts.add(new PartGrade("hidden", 0, rubric.hiddenPoints(), status, List.of()));
            if (rubric.coverage() != null) {
                parts.add(new PartGrade("coverage", 0, rubric.coverage().points(), status, List.of()));
            }
            if (rubric.performance() != null) {
                parts.add(new PartGrade("performance", 0, rubric.performance().points(), status, List.of()));
            }
            return new ExerciseGrade(id, status, 0, max, parts, List.of(feedback));
        }
    }

    /** {@code FrameStack.push} from a stub's message {@code not started: FrameStack.push: round the frame ...}. */
    static String stubName(TestOutcome notStarted) {
        String text = notStarted.message().replaceFirst("^not started: ", "");
        int colon = text.indexOf(": ");
        return colon > 0 ? text.substring(0, colon) : text;
    }

    /** The JUnit configuration parameter that carries the course's own performance traces to the hidden suite. */
    public static final String COURSE_TRACES_PARAMETER = "alloclab.grading.performance-traces";

    /** What every hidden-suite run gets besides the JUnit defaults: the course's traces, when the rubric names some. */
    static Map<String, String> hiddenParameters(Rubric rubric) {
        Map<String, String> traces = new LinkedHashMap<>();
        rubric.exercises().values().stream().map(Rubric.ExerciseRubric::performance).filter(p -> p != null)
                .flatMap(p -> p.traces().stream()).forEach(t -> traces.put(t.name(), t.text()));
        return traces.isEmpty() ? Map.of() : Map.of(COURSE_TRACES_PARAMETER, TraceBundle.encode(traces));
    }

    /**
     * Every class file under {@code dir}, by binary name. Read right after javac wrote them and before the
     * job goes out, so no student code has run yet: the grading JVM defines the hidden suites from these bytes,
     * never from the folder, which student code could rewrite.
     */
    static Map<String, byte[]> classFiles(Path dir) {
        Map<String, byte[]> classes = new LinkedHashMap<>();
        ClassFiles.under(dir).forEach((internalName, bytes) -> classes.put(internalName.replace('/', '.'), bytes));
        return classes;
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }
}
