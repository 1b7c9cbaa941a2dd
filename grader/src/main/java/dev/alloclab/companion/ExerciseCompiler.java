package dev.alloclab.companion;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles the learner's exercises (main and test sources) with the JDK's own compiler, in
 * process, into {@code target/alloclab-companion/} — a folder of its own, so Maven's
 * {@code target/classes} is never touched. The class path is the kit's own: core, JUnit, jqwik
 * and AssertJ, found where the companion itself loaded them from.
 */
public final class ExerciseCompiler {
    /** Classes whose jars the exercises compile against. */
    private static final List<String> API_CLASSES = List.of(
            "dev.alloclab.core.NotImplemented",
            "org.junit.jupiter.api.Test",
            "org.junit.jupiter.params.ParameterizedTest",
            "org.junit.platform.commons.util.Preconditions",
            "org.junit.platform.engine.TestExecutionResult",
            "org.junit.platform.launcher.TestExecutionListener",
            "org.opentest4j.AssertionFailedError",
            "org.apiguardian.api.API",
            "net.jqwik.api.Property",
            "org.assertj.core.api.Assertions");

    private final LearnerProject project;

    public ExerciseCompiler(LearnerProject project) {
        this.project = project;
    }

    /** The JDK's compiler, or empty on a runtime without one (a JRE). */
    public static Optional<JavaCompiler> systemCompiler() {
        return Optional.ofNullable(ToolProvider.getSystemJavaCompiler());
    }

    public Path mainOutput() {
        return project.exercises().resolve("target/alloclab-companion/classes");
    }

    public Path testOutput() {
        return project.exercises().resolve("target/alloclab-companion/test-classes");
    }

    /** Compiles main, then test sources. Returns the compiler's errors; empty means both compiled. */
    public List<String> compile() {
        JavaCompiler compiler = systemCompiler().orElseThrow(() -> new IllegalStateException(
                "no Java compiler in this runtime"));
        List<String> classpath = kitClasspath();
        List<String> errors = compileTree(compiler, project.exercises().resolve("src/main/java"), mainOutput(), classpath);
        if (!errors.isEmpty()) {
            return errors;
        }
        List<String> testClasspath = new ArrayList<>(classpath);
        testClasspath.add(0, mainOutput().toString());
        return compileTree(compiler, project.exercises().resolve("src/test/java"), testOutput(), testClasspath);
    }

    private List<String> compileTree(JavaCompiler compiler, Path sources, Path output, List<String> classpath) {
        return compileFiles(compiler, javaFiles(sources), output, classpath);
    }

    /**
     * Compiles exactly {@code sources} into {@code output} (emptied first) against {@code classpath}; the
     * one-exercise check ({@link ExerciseCheck}) picks its files this way. Returns the compiler's errors, one
     * line each ({@code src/main/java/.../File.java:12: message}); empty means it compiled.
     */
    List<String> compileFiles(List<Path> sources, Path output, List<String> classpath) {
        JavaCompiler compiler = systemCompiler().orElseThrow(() -> new IllegalStateException(
                "no Java compiler in this runtime"));
        return compileFiles(compiler, sources.stream().map(Path::toFile).sorted().toList(), output, classpath);
    }

    private List<String> compileFiles(JavaCompiler compiler, List<File> files, Path output, List<String> classpath) {
        try {
            deleteTree(output);
            Files.createDirectories(output);
        } catch (IOException e) {
            throw ProjectFolders.cannotMake(output, "the compiled classes", e);
        }
        if (files.isEmpty()) {
            return List.of();
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files2 = compiler.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
            List<String> options = List.of("-d", output.toString(), "-classpath",
                    String.join(File.pathSeparator, classpath), "--release", "17", "-encoding", "UTF-8",
                    // -g: local variable names, so a NullPointerException says "because \"s\" is null" as under mvn
                    "-g", "-proc:none", "-nowarn");
            StringWriter javacOwn = new StringWriter(); // javac writes here only when it fails itself
            JavaCompiler.CompilationTask task = compiler.getTask(javacOwn, files2, diagnostics, options, null,
                    files2.getJavaFileObjectsFromFiles(files));
            JavacFailure.Reading reading = new JavacFailure.Reading();
            if (task instanceof com.sun.source.util.JavacTask javac) {
                javac.addTaskListener(reading);
            }
            boolean ok = task.call();
            if (ok) {
                return List.of();
            }
            if (diagnostics.getDiagnostics().stream().noneMatch(d -> d.getKind() == Diagnostic.Kind.ERROR)) {
                String where = reading.file() == null ? "" : relative(reading.file().toUri().getPath()) + ": ";
                return List.of(where + JavacFailure.sentence(javacOwn.toString()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return diagnostics.getDiagnostics().stream().filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                .map(this::describe).collect(Collectors.toList());
    }

    private String describe(Diagnostic<? extends JavaFileObject> d) {
        String where = d.getSource() == null ? "" : relative(d.getSource().toUri().getPath()) + ":"
                + d.getLineNumber() + ": ";
        return where + oneLine(d.getMessage(Locale.ROOT));
    }

    /**
     * javac's message on one line, with the lines under its first kept: "cannot find symbol; symbol: method
     * sizeClassOf(int); location: class SegregatedFitsAllocator". The first line alone does not say which symbol.
     */
    static String oneLine(String message) {
        String line = message.lines().map(String::strip).filter(l -> !l.isEmpty()).map(l -> l.replaceAll("\\s+", " "))
                .collect(Collectors.joining("; ")).replace(";; ", "; ");
        return line.length() <= FailureLine.MAX_MESSAGE ? line : line.substring(0, FailureLine.MAX_MESSAGE - 3) + "...";
    }

    /** The file as the learner knows it: relative to the exercises project ({@code src/main/java/...}). */
    private String relative(String path) {
        Path file = Path.of(path);
        Path base = project.exercises();
        return file.startsWith(base) ? base.relativize(file).toString() : file.toString();
    }

    /** The jars (or folders) holding the kit's API classes, without duplicates. */
    static List<String> kitClasspath() {
        Set<String> entries = new LinkedHashSet<>();
        for (String name : API_CLASSES) {
            try {
                Class<?> type = Class.forName(name, false, ExerciseCompiler.class.getClassLoader());
                var source = type.getProtectionDomain().getCodeSource();
                if (source != null) {
                    entries.add(Path.of(source.getLocation().toURI()).toString());
                }
            } catch (ClassNotFoundException | URISyntaxException missing) {
                // the exercises may not need it; the compiler will name what is missing
            }
        }
        return List.copyOf(entries);
    }

    private static List<File> javaFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> p.toString().endsWith(".java")).map(Path::toFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the sources under " + dir, e);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
