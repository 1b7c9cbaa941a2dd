package dev.alloclab.grader.compile;

import dev.alloclab.companion.ClassFiles;
import dev.alloclab.companion.SharedMainCode;
import dev.alloclab.companion.SiblingPackages;
import dev.alloclab.core.course.Curriculum;
import dev.alloclab.core.course.Exercise;
import dev.alloclab.grader.Submission;
import dev.alloclab.grader.Timings;
import dev.alloclab.companion.review.CodeReview;
import dev.alloclab.companion.review.ReviewFlag;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import javax.tools.StandardJavaFileManager;

/**
 * Compiles a submission exercise by exercise, so that a compile error costs only its own exercise.
 *
 * <p>javac is called in process, and to stay fast it is called twice for the whole submission:
 * once for every exercise's main code, then once for every exercise's student tests and hidden
 * suite together (both need only the main classes). If a call reports errors, the exercises and
 * phases whose files have errors are set aside with their messages and the rest are compiled
 * again, so every exercise ends up compiled on its own merits. Class files are then split into
 * one folder per exercise and phase under the work folder. The shared code (outside the exercise packages) is
 * compiled first, without the files that use an exercise's classes ({@link SharedCodeCompile}).
 *
 * <p>INTERNAL.
 */
public final class SubmissionCompiler {
    private final Path work;
    /** One javac file manager for every phase of one submission. */
    private StandardJavaFileManager files;
    private List<String> sharedCodeNotes = List.of();

    public SubmissionCompiler(Path work) {
        this.work = work;
    }

    /** Compiles the exercises listed (ids in catalogue order) of the submission. */
    public Map<String, CompiledExercise> compile(Submission submission, List<Exercise> exercises) {
        try (StandardJavaFileManager manager = JavaCompilation.fileManager()) {
            files = manager;
            return compileAll(submission, exercises);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            files = null;
        }
    }

    private Map<String, CompiledExercise> compileAll(Submission submission, List<Exercise> exercises) {
        List<Path> libs = Libraries.classpath();

        // shared code outside the exercise packages: compiled once, used by every exercise
        Path commonMain = work.resolve("common/main");
        Path commonTest = work.resolve("common/test");
        // a shared file that uses an exercise's classes cannot compile before the exercises: it is left out, with a
        // note, instead of failing every exercise (SharedCodeCompile)
        SharedCodeCompile.Result sharedMain = SharedCodeCompile.compile(files,
                sources(submission, submission.commonMainSources()), libs, commonMain, false);
        List<String> commonMainErrors = sharedMain.errors();
        List<Path> mainCp = concat(libs, List.of(commonMain));
        Timings.mark("javac shared main code");
        SharedCodeCompile.Result sharedTest = SharedCodeCompile.compile(files,
                sources(submission, submission.commonTestSources()), mainCp, commonTest, true);
        List<String> commonTestErrors = sharedTest.errors();
        Map<String, byte[]> testResources = readResources(submission);

        Map<String, List<JavaCompilation.Source>> mainSources = new LinkedHashMap<>();
        for (Exercise e : exercises) {
            if (!submission.mainSources(e).isEmpty()) {
                mainSources.put(e.id(), sources(submission, submission.mainSources(e)));
            }
        }
        Map<Unit, List<String>> mainErrors = batch(units("main", mainSources), unit -> mainCp);
        Map<String, Map<String, byte[]>> mainClasses = new LinkedHashMap<>(); // each folder read once, here
        for (Exercise e : exercises) {
            mainClasses.put(e.id(), ClassFiles.mainCodeUnder(dir(e.id(), "main")));
        }
        // compiled together, one exercise's code can use another's classes; loaded alone, it cannot: say so as the
        // exercise's compile error, instead of running its hidden tests into NoClassDefFoundError
        for (Exercise e : exercises) {
            Unit unit = new Unit("main", e.id());
            if (mainErrors.containsKey(unit) && mainErrors.get(unit).isEmpty()) {
                List<String> siblings = SiblingPackages.usedBy(mainClasses.get(e.id()).values(), e);
                if (!siblings.isEmpty()) {
                    mainErrors.put(unit, siblings);
                }
            } else if (mainErrors.containsKey(unit)) {
                // the other exercise not graded with it: javac's "package ... does not exist" says the same; a
                // shared file left out and used here: say why it is missing
                mainErrors.put(unit, sharedMain.explain(SiblingPackages.explain(mainErrors.get(unit))));
            }
        }
        Map<String, List<JavaCompilation.Source>> testSources = new LinkedHashMap<>();
        Map<String, List<JavaCompilation.Source>> hiddenSources = new LinkedHashMap<>();
        for (Exercise e : exercises) {
            if (mainSources.containsKey(e.id()) && mainErrors.get(new Unit("main", e.id())).isEmpty()) {
                List<JavaCompilation.Source> tests = sources(submission, submission.testSources(e));
                if (!tests.isEmpty()) {
                    testSources.put(e.id(), tests);
                }
                hiddenSources.put(e.id(), HiddenSuites.sourcesFor(e));
            }
        }
        // the student's tests and the hidden suites need the same main classes and not each other: one
        // javac call for both saves a compiler start and a second read of the test libraries
        Map<Unit, List<JavaCompilation.Source>> testsAndHidden = units("test", testSources);
        testsAndHidden.putAll(units("hidden", hiddenSources));
        Map<Unit, List<String>> later = batch(testsAndHidden, unit -> "test".equals(unit.phase())
                ? concat(mainCp, List.of(commonTest, dir(unit.id(), "main")))
                : concat(mainCp, List.of(dir(unit.id(), "main"))));
        Map<String, List<String>> testErrors = byId("test", later);
        Map<String, List<String>> hiddenErrors = byId("hidden", later);

        // what the student's classes use (hidden suites excluded: they are the grader's): each folder read and
        // scanned once; main code apart, since what it uses withholds performance too
        Map<String, byte[]> commonMainClasses = ClassFiles.mainCodeUnder(commonMain);
        Map<String, byte[]> commonTestClasses = ClassFiles.under(commonTest);
        Map<String, Map<String, byte[]>> testClasses = new LinkedHashMap<>();
        Set<String> own = new HashSet<>(commonMainClasses.keySet());
        own.addAll(commonTestClasses.keySet());
        for (Exercise e : exercises) {
            testClasses.put(e.id(), ClassFiles.under(dir(e.id(), "test")));
            own.addAll(mainClasses.get(e.id()).keySet());
            own.addAll(testClasses.get(e.id()).keySet());
        }
        Set<String> starterSources = unchangedStarterSources(submission);
        // a shared class belongs to the exercises whose main code reaches it (see SharedMainCode)
        SharedMainCode shared = SharedMainCode.of(commonMainClasses, own, starterSources);
        List<ReviewFlag> commonTestReview = CodeReview.scan(commonTestClasses.values(), own, starterSources);
        Timings.mark("review flags");

        Set<String> leftOutPackages = new HashSet<>();
        Stream.concat(sharedMain.leftOut().stream(), sharedTest.leftOut().stream())
                .forEach(l -> leftOutPackages.add(l.javaPackage()));
        Map<String, CompiledExercise> compiled = new LinkedHashMap<>();
        Set<String> reachedByAny = new HashSet<>();
        for (Exercise e : exercises) {
            Set<String> reached = shared.reachedBy(mainClasses.get(e.id()).values());
            reachedByAny.addAll(reached);
            List<ReviewFlag> mainReview = new ArrayList<>(CodeReview.scanMain(mainClasses.get(e.id()).values(), own,
                    starterSources));
            mainReview.addAll(shared.mainFlags(reached));
            List<ReviewFlag> review = new ArrayList<>(mainReview);
            review.addAll(CodeReview.scan(testClasses.get(e.id()).values(), own, starterSources));
            review.addAll(commonTestReview);
            review.addAll(shared.testFlags(reached));
            boolean present = mainSources.containsKey(e.id());
            List<String> mErrors = new ArrayList<>(mainErrors.getOrDefault(new Unit("main", e.id()), List.of()));
            if (present && !commonMainErrors.isEmpty()) {
                mErrors.addAll(0, commonMainErrors);
            }
            mErrors = LibraryAdvice.added(mErrors, leftOutPackages);
            List<String> tErrors = new ArrayList<>(sharedTest.explain(sharedMain.explain(
                    testErrors.getOrDefault(e.id(), List.of()))));
            tErrors.addAll(0, commonTestErrors);
            tErrors = LibraryAdvice.added(tErrors, leftOutPackages);
            List<String> allStudentTests = tErrors.isEmpty() ? topLevelClasses(dir(e.id(), "test")).stream()
                    .filter(n -> n.endsWith("StudentTest")).toList() : List.of();
            Map<String, byte[]> exerciseTests = new LinkedHashMap<>(commonTestClasses);
            exerciseTests.putAll(testClasses.get(e.id()));
            List<String> starterExamples = allStudentTests.stream()
                    .filter(n -> starterSources.contains(n.replace('.', '/') + ".java")).toList();
            List<String> studentTests = allStudentTests.stream().filter(n -> !starterExamples.contains(n)).toList();
            compiled.put(e.id(), new CompiledExercise(e, present, mErrors, tErrors,
                    hiddenErrors.getOrDefault(e.id(), List.of()),
                    List.of(commonMain, dir(e.id(), "main")),
                    List.of(commonTest, dir(e.id(), "test")),
                    dir(e.id(), "hidden"),
                    mainClasses.get(e.id()),
                    commonMainClasses,
                    reached,
                    exerciseTests,
                    testResources,
                    studentTests,
                    starterExamples,
                    topLevelClasses(dir(e.id(), "hidden")),
                    review,
                    firstWithholding(mainReview),
                    dev.alloclab.companion.GivenCode.in(mainClasses.get(e.id()), starterSources::contains),
                    submission.testSources(e).stream()
                            .filter(f -> f.getFileName().toString().endsWith("StudentTest.java"))
                            .flatMap(f -> dev.alloclab.companion.UnannotatedTests.in(f).stream()).toList()));
        }
        List<String> notes = new ArrayList<>();
        sharedMain.leftOut().forEach(l -> notes.add(l.note()));
        sharedTest.leftOut().forEach(l -> notes.add(l.note()));
        notes.addAll(shared.unusedNotes(reachedByAny));
        sharedCodeNotes = List.copyOf(notes);
        return compiled;
    }

    /**
     * After {@link #compile}: one note for each shared file left out because it uses an exercise's classes
     * ({@link SharedCodeCompile}), then one for each shared main class that calls the kit's answer but that no graded
     * exercise's main code reaches (it costs nothing: {@link SharedMainCode#unusedNotes}).
     */
    public List<String> sharedCodeNotes() {
        return sharedCodeNotes;
    }

    private static ReviewFlag firstWithholding(List<ReviewFlag> flags) {
        return flags.stream().filter(f -> f.kind().withholdsCoverage()).findFirst().orElse(null);
    }

    private Path dir(String id, String phase) {
        return work.resolve("exercises").resolve(id).resolve(phase);
    }

    /** One exercise's sources of one phase ({@code main}, {@code test} or {@code hidden}). */
    private record Unit(String phase, String id) {
    }

    private static Map<Unit, List<JavaCompilation.Source>> units(String phase, Map<String, List<JavaCompilation.Source>> byId) {
        Map<Unit, List<JavaCompilation.Source>> units = new LinkedHashMap<>();
        byId.forEach((id, sources) -> units.put(new Unit(phase, id), sources));
        return units;
    }

    private static Map<String, List<String>> byId(String phase, Map<Unit, List<String>> errors) {
        Map<String, List<String>> byId = new HashMap<>();
        errors.forEach((unit, list) -> {
            if (unit.phase().equals(phase)) {
                byId.put(unit.id(), list);
            }
        });
        return byId;
    }

    /**
     * Compiles the sources of every unit in as few javac calls as possible: all at once, then, if
     * javac found errors, again without the units whose files had them, until a call is clean.
     * Returns the errors per unit (an empty list for a clean compile); class files end up in
     * {@link #dir(String, String)} of their unit.
     */
    private Map<Unit, List<String>> batch(Map<Unit, List<JavaCompilation.Source>> sources,
            java.util.function.Function<Unit, List<Path>> classpathOf) {
        Map<Unit, List<String>> errors = new HashMap<>();
        List<Unit> remaining = new ArrayList<>(sources.keySet());
        int attempt = 0;
        while (!remaining.isEmpty()) {
            Path out = work.resolve("batch").resolve(remaining.get(0).phase() + "-" + attempt++);
            List<JavaCompilation.Source> all = new ArrayList<>();
            List<Path> classpath = new ArrayList<>();
            Map<String, Unit> owner = new HashMap<>();
            for (Unit unit : remaining) {
                for (JavaCompilation.Source s : sources.get(unit)) {
                    all.add(s);
                    owner.put(s.displayName(), unit);
                }
                for (Path p : classpathOf.apply(unit)) {
                    if (!classpath.contains(p)) {
                        classpath.add(p);
                    }
                }
            }
            List<JavaCompilation.Error> found = JavaCompilation.compile(files, all, classpath, out);
            Timings.mark("javac " + remaining.stream().map(Unit::phase).distinct().toList() + " (" + all.size()
                    + " files): " + found.size() + " errors");
            if (found.isEmpty()) {
                for (Unit unit : remaining) {
                    errors.put(unit, List.of());
                    Exercise entry = Curriculum.named(unit.id());
                    String pkgFolder = ("hidden".equals(unit.phase()) ? HiddenSuites.ROOT_PACKAGE + "." + entry.packageName()
                            : entry.javaPackage()).replace('.', '/');
                    move(out.resolve(pkgFolder), dir(unit.id(), unit.phase()).resolve(pkgFolder));
                }
                return errors;
            }
            List<Unit> failed = new ArrayList<>();
            for (JavaCompilation.Error error : found) {
                Unit unit = error.source() == null ? null : owner.get(error.source());
                if (unit == null) {
                    // an error javac cannot place: charge every unit of this call
                    failed.addAll(remaining);
                    remaining.forEach(r -> errors.computeIfAbsent(r, k -> new ArrayList<>()).add(error.toString()));
                } else {
                    failed.add(unit);
                    // a hidden suite's error says what the student's classes lack, never the suite's file, lines or locals
                    errors.computeIfAbsent(unit, k -> new ArrayList<>()).add("hidden".equals(unit.phase())
                            ? MissingApi.sentence(error.message()) : error.toString());
                }
            }
            remaining.removeAll(failed);
        }
        return errors;
    }

    /**
     * The submission's sources that are still exactly the starter's (line endings aside), as paths below
     * {@code src/main/java} or {@code src/test/java} ({@code dev/alloclab/exercises/support/ProgressListener.java}):
     * the kit's own files, which the review does not flag.
     */
    private static Set<String> unchangedStarterSources(Submission submission) {
        Set<String> unchanged = new HashSet<>();
        List<Path> all = new ArrayList<>(submission.commonMainSources());
        all.addAll(submission.commonTestSources());
        for (Exercise e : Curriculum.exercises()) {
            all.addAll(submission.mainSources(e));
            all.addAll(submission.testSources(e));
        }
        for (Path file : all) {
            String relative = submission.root().relativize(file).toString().replace('\\', '/');
            try {
                if (dev.alloclab.companion.StarterCopies.isUnchanged(relative, Files.readAllBytes(file))) {
                    unchanged.add(relative.substring(relative.indexOf("/java/") + "/java/".length()));
                }
            } catch (IOException e) {
                // unreadable now: javac will say so; it is not the starter's
            }
        }
        return unchanged;
    }

    private static List<JavaCompilation.Source> sources(Submission submission, List<Path> files) {
        return files.stream().map(f -> source(submission, f)).toList();
    }

    /** The file as javac should see it: from disk, or as text without the byte-order mark javac rejects. */
    private static JavaCompilation.Source source(Submission submission, Path file) {
        // as the name's bytes say, on one line: it is shown in compile errors (a Latin-1 name, a newline in a name)
        String name = dev.alloclab.grader.StudentText.line(
                dev.alloclab.grader.FileNames.shownRelative(submission.root().relativize(file)));
        if (submission.hasByteOrderMark(file)) {
            try {
                byte[] bytes = Files.readAllBytes(file);
                String text = java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                        .decode(java.nio.ByteBuffer.wrap(bytes, 3, bytes.length - 3)).toString();
                return JavaCompilation.Source.text(name, text);
            } catch (IOException e) {
                // not UTF-8 after all (or unreadable): javac reads the file and says what is wrong
            }
        }
        return JavaCompilation.Source.file(name, file);
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static void move(Path from, Path to) {
        try {
            Files.createDirectories(to);
            if (!Files.isDirectory(from)) {
                return;
            }
            try (Stream<Path> files = Files.list(from)) {
                for (Path f : files.toList()) {
                    if (Files.isRegularFile(f)) {
                        Files.move(f, to.resolve(f.getFileName()));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code src/test/resources} by resource name, read now, before any student code runs: the grading JVM serves
     * the student's tests these bytes and never the folder (a file written there while grading has no effect).
     */
    private static Map<String, byte[]> readResources(Submission submission) {
        Path base = submission.root().resolve("src/test/resources");
        Map<String, byte[]> resources = new LinkedHashMap<>();
        try {
            for (Path file : submission.testResources()) {
                resources.put(base.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return resources;
    }

    private static List<String> topLevelClasses(Path root) {
        List<String> names = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return names;
        }
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(f -> f.toString().endsWith(".class") && !f.getFileName().toString().contains("$"))
                    .forEach(f -> {
                        String rel = root.relativize(f).toString().replace('\\', '/');
                        names.add(rel.substring(0, rel.length() - ".class".length()).replace('/', '.'));
                    });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        names.sort(null);
        return names;
    }
}
