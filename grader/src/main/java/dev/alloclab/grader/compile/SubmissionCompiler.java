package dev.alloclab.grader.compile;

import dev.alloclab.core.course.Curriculum;
import dev.alloclab.core.course.Exercise;
import dev.alloclab.grader.Submission;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.tools.StandardJavaFileManager;

/**
 * Compiles a submission exercise by exercise, so that a compile error costs only its own exercise.
 *
 * <p>javac is called in process, and to stay fast all exercises of one phase (main code, the
 * student's tests, the hidden suites) go through one call. If that call reports errors, the
 * exercises whose files have errors are set aside with their messages and the rest are compiled
 * again, so every exercise ends up compiled on its own merits. Class files are then split into
 * one folder per exercise and phase under the work folder.
 *
 * <p>INTERNAL.
 */
public final class SubmissionCompiler {
    private final Path work;
    /** One javac file manager for every phase of one submission. */
    private StandardJavaFileManager files;

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
        List<String> commonMainErrors = errors(JavaCompilation.compile(files, 
                sources(submission, submission.commonMainSources()), libs, commonMain));
        List<Path> mainCp = concat(libs, List.of(commonMain));
        List<String> commonTestErrors = errors(JavaCompilation.compile(files, 
                sources(submission, submission.commonTestSources()), mainCp, commonTest));
        Path testResources = work.resolve("common/test-resources");
        copyResources(submission, testResources);

        Map<String, List<JavaCompilation.Source>> mainSources = new LinkedHashMap<>();
        Map<String, List<JavaCompilation.Source>> testSources = new LinkedHashMap<>();
        Map<String, List<JavaCompilation.Source>> hiddenSources = new LinkedHashMap<>();
        for (Exercise e : exercises) {
            if (!submission.mainSources(e).isEmpty()) {
                mainSources.put(e.id(), sources(submission, submission.mainSources(e)));
            }
        }
        Map<String, List<String>> mainErrors = batch("main", mainSources, id -> mainCp, exercises);
        for (Exercise e : exercises) {
            if (mainSources.containsKey(e.id()) && mainErrors.get(e.id()).isEmpty()) {
                List<JavaCompilation.Source> tests = sources(submission, submission.testSources(e));
                if (!tests.isEmpty()) {
                    testSources.put(e.id(), tests);
                }
                hiddenSources.put(e.id(), HiddenSuites.sourcesFor(e));
            }
        }
        Map<String, List<String>> testErrors = batch("test", testSources,
                id -> concat(mainCp, List.of(commonTest, dir(id, "main"))), exercises);
        Map<String, List<String>> hiddenErrors = batch("hidden", hiddenSources,
                id -> concat(mainCp, List.of(dir(id, "main"))), exercises);

        Map<String, CompiledExercise> compiled = new LinkedHashMap<>();
        for (Exercise e : exercises) {
            boolean present = mainSources.containsKey(e.id());
            List<String> mErrors = new ArrayList<>(mainErrors.getOrDefault(e.id(), List.of()));
            if (present && !commonMainErrors.isEmpty()) {
                mErrors.addAll(0, commonMainErrors);
            }
            List<String> tErrors = new ArrayList<>(testErrors.getOrDefault(e.id(), List.of()));
            tErrors.addAll(0, commonTestErrors);
            List<String> studentTests = tErrors.isEmpty() ? topLevelClasses(dir(e.id(), "test")).stream()
                    .filter(n -> n.endsWith("StudentTest")).toList() : List.of();
            compiled.put(e.id(), new CompiledExercise(e, present, mErrors, tErrors,
                    hiddenErrors.getOrDefault(e.id(), List.of()),
                    List.of(commonMain, dir(e.id(), "main")),
                    List.of(commonTest, testResources, dir(e.id(), "test")),
                    dir(e.id(), "hidden"),
                    classBytes(dir(e.id(), "main")),
                    studentTests,
                    topLevelClasses(dir(e.id(), "hidden"))));
        }
        return compiled;
    }

    private Path dir(String id, String phase) {
        return work.resolve("exercises").resolve(id).resolve(phase);
    }

    /**
     * Compiles every exercise's sources of one phase in as few javac calls as possible; returns the
     * errors per exercise id (an empty list for a clean compile).
     */
    private Map<String, List<String>> batch(String phase, Map<String, List<JavaCompilation.Source>> sources,
            java.util.function.Function<String, List<Path>> classpathOf, List<Exercise> exercises) {
        Map<String, List<String>> errors = new HashMap<>();
        List<String> remaining = new ArrayList<>(sources.keySet());
        int attempt = 0;
        while (!remaining.isEmpty()) {
            Path out = work.resolve("batch").resolve(phase + "-" + attempt++);
            List<JavaCompilation.Source> all = new ArrayList<>();
            List<Path> classpath = new ArrayList<>();
            Map<String, String> owner = new HashMap<>();
            for (String id : remaining) {
                for (JavaCompilation.Source s : sources.get(id)) {
                    all.add(s);
                    owner.put(s.displayName(), id);
                }
                for (Path p : classpathOf.apply(id)) {
                    if (!classpath.contains(p)) {
                        classpath.add(p);
                    }
                }
            }
            List<JavaCompilation.Error> found = JavaCompilation.compile(files, all, classpath, out);
            if (found.isEmpty()) {
                for (String id : remaining) {
                    errors.put(id, List.of());
                    Exercise entry = Curriculum.named(id);
                    String pkgFolder = ("hidden".equals(phase) ? HiddenSuites.ROOT_PACKAGE + "." + entry.packageName()
                            : entry.javaPackage()).replace('.', '/');
                    move(out.resolve(pkgFolder), dir(id, phase).resolve(pkgFolder));
                }
                return errors;
            }
            List<String> failed = new ArrayList<>();
            for (JavaCompilation.Error error : found) {
                String id = error.source() == null ? null : owner.get(error.source());
                if (id == null) {
                    // an error javac cannot place: charge every exercise of this batch
                    failed.addAll(remaining);
                    remaining.forEach(r -> errors.computeIfAbsent(r, k -> new ArrayList<>()).add(error.toString()));
                } else {
                    failed.add(id);
                    errors.computeIfAbsent(id, k -> new ArrayList<>()).add(error.toString());
                }
            }
            remaining.removeAll(failed);
        }
        return errors;
    }

    private static List<String> errors(List<JavaCompilation.Error> found) {
        return found.stream().map(JavaCompilation.Error::toString).toList();
    }

    private static List<JavaCompilation.Source> sources(Submission submission, List<Path> files) {
        return files.stream()
                .map(f -> JavaCompilation.Source.file(submission.root().relativize(f).toString().replace('\\', '/'), f))
                .toList();
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

    private void copyResources(Submission submission, Path target) {
        Path base = submission.root().resolve("src/test/resources");
        try {
            Files.createDirectories(target);
            for (Path file : submission.testResources()) {
                Path dest = target.resolve(base.relativize(file).toString());
                Files.createDirectories(dest.getParent());
                Files.copy(file, dest);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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

    private static Map<String, byte[]> classBytes(Path root) {
        Map<String, byte[]> classes = new LinkedHashMap<>();
        if (!Files.isDirectory(root)) {
            return classes;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).sorted().toList()) {
                String rel = root.relativize(f).toString().replace('\\', '/');
                classes.put(rel.substring(0, rel.length() - ".class".length()), Files.readAllBytes(f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return classes;
    }
}
