package dev.alloclab.companion;

import dev.alloclab.core.course.Exercise;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jacoco.core.analysis.Analyzer;
import org.jacoco.core.analysis.CoverageBuilder;
import org.jacoco.core.analysis.ICounter;
import org.jacoco.core.analysis.ILine;
import org.jacoco.core.analysis.ISourceFileCoverage;
import org.jacoco.core.data.ExecutionDataStore;
import org.jacoco.core.data.SessionInfoStore;
import org.jacoco.core.instr.Instrumenter;
import org.jacoco.core.runtime.IRuntime;
import org.jacoco.core.runtime.LoggerRuntime;
import org.jacoco.core.runtime.RuntimeData;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.discovery.DiscoverySelectors;

/**
 * Measures, before a student submits, the coverage the grader will score ({@code alloclab coverage EXERCISE}):
 * line and branch coverage of the exercise's main classes by the student's own {@code ...StudentTest} classes, and
 * which lines those tests never ran.
 *
 * <p>The grader's rules, applied the same way: the exercise's own main classes are measured, with the shared main
 * classes (outside every exercise package) they reach ({@link SharedMainCode}), and no other shared code; only {@code ...StudentTest} classes run, and of those not the ones still exactly as the starter ships them
 * ({@link StarterCopies}); the exercise's visible tests and the shared test support are compiled (a student test
 * may use them) but do not run.
 *
 * <p>How: the exercise is compiled on its own in a fresh {@link ExerciseWorkspace} under {@value #WORK_FOLDER}, as
 * {@code alloclab check} does. Its main classes are instrumented in memory by JaCoCo's {@link Instrumenter} for a
 * {@link LoggerRuntime} (a runtime that needs no agent: the probes reach it through {@code java.util.logging}),
 * defined by an {@link InstrumentingClassLoader}, and the student's tests run in process through the JUnit
 * Platform. The execution data is then analysed against the original class bytes, file by file.
 */
public final class ExerciseCoverage {
    /** The folder (under the exercises project) the coverage runs' own folders are made in. */
    public static final String WORK_FOLDER = "target/alloclab-coverage";
    /** The suffix of the classes whose coverage counts. */
    private static final String STUDENT_TEST = "StudentTest";

    private final LearnerProject project;
    private final Duration limit;

    /** Coverage runs of {@code project} whose tests each get the companion's default time limit. */
    public ExerciseCoverage(LearnerProject project) {
        this(project, TimedTestRun.DEFAULT_LIMIT);
    }

    /** Coverage runs whose tests each get {@code limit} ({@link TimedTestRun}). */
    public ExerciseCoverage(LearnerProject project, Duration limit) {
        this.project = project;
        InProcessTests.setBaseDir(project);
        this.limit = limit;
    }

    /** Compiles {@code exercise}, runs its student tests with its main classes instrumented, and analyses. */
    public CoverageResult run(Exercise exercise) {
        ExerciseSources sources = ExerciseSources.of(project, exercise);
        return run(exercise, sources).withUncounted(uncounted(sources, exercise));
    }

    /** The exercise's test files whose tests earn no coverage points ({@link UncountedTestFiles}). */
    List<String> uncounted(ExerciseSources sources, Exercise exercise) {
        List<String> uncounted = new ArrayList<>(UncountedTestFiles.in(sources.visibleTests().stream()
                .map(f -> f.getFileName().toString()).toList(), exercise, path -> StarterCopies.starterFile(path).isPresent()));
        // a ...StudentTest in a folder below the exercise's (stackframes/mine/) is shared code to the grader: left out
        Path folder = project.exercises().resolve("src/test/java").resolve(exercise.javaPackage().replace('.', '/'));
        sources.sharedTests().stream().filter(f -> f.startsWith(folder) && f.getFileName().toString()
                .endsWith(ExerciseSources.STUDENT_TEST_SUFFIX)).forEach(f -> uncounted.add(
                        folder.relativize(f).toString().replace('\\', '/')));
        return uncounted;
    }

    private CoverageResult run(Exercise exercise, ExerciseSources sources) {
        if (sources.main().isEmpty()) {
            return CoverageResult.notMeasured(exercise, CoverageResult.Outcome.NO_MAIN_CODE, List.of(), List.of());
        }
        if (sources.studentTests().isEmpty()) {
            return CoverageResult.notMeasured(exercise, CoverageResult.Outcome.NO_STUDENT_TEST, List.of(), List.of());
        }
        try (ExerciseWorkspace work = ExerciseWorkspace.create(project, exercise, WORK_FOLDER)) {
            List<Path> tests = ExerciseWorkspace.concat(sources.sharedTests(), sources.visibleTests());
            tests.addAll(sources.studentTests());
            List<String> errors = work.compile(ExerciseWorkspace.concat(sources.sharedMain(), sources.main()), tests);
            if (!errors.isEmpty()) {
                return CoverageResult.notMeasured(exercise, CoverageResult.Outcome.DOES_NOT_COMPILE, errors, List.of());
            }
            SharedMainCode.Split main = SharedMainCode.Split.of(ClassFiles.mainCodeUnder(work.mainClasses()), exercise);
            // the given classes the student left as the starter has them are the kit's code: not measured (GivenCode)
            Map<String, byte[]> ownClasses = new LinkedHashMap<>(main.exercise());
            ownClasses.keySet().removeAll(GivenCode.in(ownClasses, path -> isStarterFile("src/main/java/" + path)));
            Map<String, byte[]> mainClasses = binaryNames(ownClasses);
            if (mainClasses.isEmpty()) {
                return CoverageResult.notMeasured(exercise, CoverageResult.Outcome.NO_MAIN_CODE, List.of(), List.of());
            }
            // the shared main classes the exercise reaches count with it, as in the grader (SharedMainCode)
            SharedMainCode shared = SharedMainCode.of(main.shared(), main.shared().keySet(), java.util.Set.of());
            shared.reachedBy(main.exercise().values()).forEach(name ->
                    mainClasses.put(name.replace('/', '.'), main.shared().get(name)));
            List<String> studentTests = new ArrayList<>();
            List<String> starterExamples = new ArrayList<>();
            // the test classes in the exercise's package (split as main code is: the rest is shared test support)
            Map<String, byte[]> exerciseTests = SharedMainCode.Split.of(ClassFiles.under(work.testClasses()), exercise)
                    .exercise();
            for (String name : binaryNames(exerciseTests).keySet()) {
                if (name.endsWith(STUDENT_TEST) && !name.contains("$")) {
                    (isStarterCopy(name) ? starterExamples : studentTests).add(name);
                }
            }
            if (studentTests.isEmpty()) {
                return CoverageResult.notMeasured(exercise, starterExamples.isEmpty()
                        ? CoverageResult.Outcome.NO_STUDENT_TEST : CoverageResult.Outcome.ONLY_STARTER_EXAMPLE,
                        List.of(), simpleNames(starterExamples));
            }
            List<String> unannotated = sources.studentTests().stream().flatMap(f -> UnannotatedTests.in(f).stream())
                    .toList();
            return measure(exercise, work, mainClasses, studentTests, starterExamples, unannotated);
        }
    }

    private CoverageResult measure(Exercise exercise, ExerciseWorkspace work, Map<String, byte[]> mainClasses,
            List<String> studentTests, List<String> starterExamples, List<String> unannotated) {
        IRuntime runtime = new LoggerRuntime();
        RuntimeData data = new RuntimeData();
        ExecutionDataStore executionData = new ExecutionDataStore();
        StudentTestTally tally = new StudentTestTally();
        long started = 0;
        long ended = 0;
        try {
            runtime.startup(data);
            Instrumenter instrumenter = new Instrumenter(runtime);
            Map<String, byte[]> instrumented = new LinkedHashMap<>();
            for (Map.Entry<String, byte[]> c : mainClasses.entrySet()) {
                instrumented.put(c.getKey(), instrumenter.instrument(c.getValue(), c.getKey()));
            }
            started = System.nanoTime();
            InProcessTests.launch(new InstrumentingClassLoader(work.classpath(), ExerciseCoverage.class.getClassLoader(),
                    instrumented), loader -> InProcessTests.request(work.jqwikDatabase(), limit)
                            .selectors(selectors(loader, studentTests)).listeners(tally.refusals()).build(), tally, limit);
            ended = System.nanoTime();
            data.collect(executionData, new SessionInfoStore(), false);
        } catch (IOException e) {
            throw new UncheckedIOException("JaCoCo could not instrument the classes of " + exercise.id(), e);
        } catch (Exception e) {
            throw new IllegalStateException("JaCoCo's runtime did not start: " + e.getMessage(), e);
        } finally {
            runtime.shutdown();
        }
        CoverageBuilder builder = new CoverageBuilder();
        Analyzer analyzer = new Analyzer(executionData, builder);
        try {
            for (Map.Entry<String, byte[]> c : mainClasses.entrySet()) {
                analyzer.analyzeClass(c.getValue(), c.getKey());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("JaCoCo could not analyse the classes of " + exercise.id(), e);
        }
        return new CoverageResult(exercise, CoverageResult.Outcome.MEASURED, List.of(), simpleNames(starterExamples),
                tally.result(simpleNames(studentTests), java.time.Duration.ofNanos(ended - started)),
                files(builder.getSourceFiles(), methodEnds(builder.getClasses())), unannotated);
    }

    private static List<DiscoverySelector> selectors(ClassLoader loader, List<String> classes) {
        return classes.stream().<DiscoverySelector>map(name -> DiscoverySelectors.selectClass(loader, name)).toList();
    }

    /** Each source file's counts and notable lines, in file name order. */
    private List<CoveredFile> files(Collection<ISourceFileCoverage> sourceFiles,
                                    Map<String, java.util.Set<Integer>> methodEnds) {
        return sourceFiles.stream().sorted(Comparator.comparing(ISourceFileCoverage::getName))
                .filter(f -> f.getLineCounter().getTotalCount() > 0)
                .map(f -> file(f, methodEnds.getOrDefault(f.getPackageName() + "/" + f.getName(), java.util.Set.of())))
                .toList();
    }

    /** The last line of every method, by source file ({@code pkg/File.java}): where a closing brace is a return. */
    private static Map<String, java.util.Set<Integer>> methodEnds(Collection<org.jacoco.core.analysis.IClassCoverage> classes) {
        Map<String, java.util.Set<Integer>> ends = new java.util.HashMap<>();
        for (org.jacoco.core.analysis.IClassCoverage c : classes) {
            java.util.Set<Integer> lines = ends.computeIfAbsent(c.getPackageName() + "/" + c.getSourceFileName(),
                    key -> new java.util.HashSet<>());
            c.getMethods().forEach(m -> lines.add(m.getLastLine()));
        }
        return ends;
    }

    private CoveredFile file(ISourceFileCoverage f, java.util.Set<Integer> methodEnds) {
        String path = "src/main/java/" + f.getPackageName() + "/" + f.getName();
        List<String> source = sourceLines(project.exercises().resolve(path));
        List<LineNote> notRun = new ArrayList<>();
        List<LineNote> partly = new ArrayList<>();
        List<CoveredFile.LineStatus> statuses = new ArrayList<>();
        for (int n = 1; n <= f.getLastLine(); n++) {
            ILine line = f.getLine(n);
            ICounter branches = line.getBranchCounter();
            String text = n <= source.size() ? source.get(n - 1).strip() : "";
            LineNote note = new LineNote(n, explained(text, methodEnds.contains(n)), branches.getCoveredCount(),
                    branches.getTotalCount());
            CoveredFile.LineStatus status = status(line);
            statuses.add(status);
            if (status == CoveredFile.LineStatus.NOT_RUN) {
                notRun.add(note);
            } else if (status == CoveredFile.LineStatus.PARTLY && branches.getMissedCount() > 0) {
                partly.add(note);
            }
        }
        ICounter lines = f.getLineCounter();
        ICounter branches = f.getBranchCounter();
        return new CoveredFile(path, lines.getCoveredCount(), lines.getTotalCount(), branches.getCoveredCount(),
                branches.getTotalCount(), notRun, partly, source, statuses);
    }

    /**
     * A line's text as the report lists it. A line of only {@code }} holds code when it ends a method that returns
     * nothing (the return the compiler adds) or a loop (the jump back to its test), and "70: }" alone left learners
     * wondering what there was to run.
     */
    static String explained(String text, boolean endsAMethod) {
        if (!text.equals("}")) {
            return text;
        }
        return endsAMethod ? "}   (the end of a method: no call of it got this far)"
                : "}   (the end of a loop or a block: no run got this far, or went round again)";
    }

    private static CoveredFile.LineStatus status(ILine line) {
        return switch (line.getStatus()) {
            case ICounter.NOT_COVERED -> CoveredFile.LineStatus.NOT_RUN;
            case ICounter.PARTLY_COVERED -> CoveredFile.LineStatus.PARTLY;
            case ICounter.FULLY_COVERED -> CoveredFile.LineStatus.RUN;
            default -> CoveredFile.LineStatus.NO_CODE;
        };
    }

    /** The file's lines, or none when it cannot be read as UTF-8 (the report then shows line numbers only). */
    private static List<String> sourceLines(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** True when the source of test class {@code name} is still exactly the starter's file. */
    private boolean isStarterCopy(String name) {
        return isStarterFile("src/test/java/" + name.replace('.', '/') + ".java");
    }

    /** True when the project's file at {@code relative} is still exactly the starter's ({@link StarterCopies}). */
    private boolean isStarterFile(String relative) {
        Path file = project.exercises().resolve(relative);
        try {
            return Files.isRegularFile(file) && StarterCopies.isUnchanged(relative, Files.readAllBytes(file));
        } catch (IOException e) {
            return false;
        }
    }

    /** {@code classes} (internal name to bytes) by binary name, package and module descriptors left out. */
    private static Map<String, byte[]> binaryNames(Map<String, byte[]> classes) {
        Map<String, byte[]> named = new LinkedHashMap<>();
        classes.forEach((name, bytes) -> {
            if (!name.endsWith("package-info") && !name.endsWith("module-info")) {
                named.put(name.replace('/', '.'), bytes);
            }
        });
        return named;
    }

    private static List<String> simpleNames(List<String> classes) {
        return classes.stream().map(n -> n.substring(n.lastIndexOf('.') + 1)).toList();
    }
}
