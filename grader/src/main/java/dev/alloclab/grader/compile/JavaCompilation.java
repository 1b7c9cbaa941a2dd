package dev.alloclab.grader.compile;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * One in-process javac run ({@code javax.tools}): sources in, class files into a folder, and the
 * errors as short lines ({@code file:line: message}) without the source text, so that an error in
 * a hidden suite names the missing method but never shows the hidden test's code.
 *
 * <p>INTERNAL.
 */
final class JavaCompilation {
    /** A source to compile: a file of the submission, or text (a hidden suite) with a display name. */
    record Source(String displayName, Path file, String text) {
        static Source file(String displayName, Path file) {
            return new Source(displayName, file, null);
        }

        static Source text(String displayName, String text) {
            return new Source(displayName, null, text);
        }
    }

    /** An error javac reported: the source's display name (null if none), its line and the message. */
    record Error(String source, long line, String message) {
        @Override
        public String toString() {
            return (source == null ? "" : source + (line > 0 ? ":" + line : "") + ": ") + message;
        }
    }

    private static final JavaCompiler JAVAC = ToolProvider.getSystemJavaCompiler();

    private JavaCompilation() {
    }

    /** Compiles {@code sources} against {@code classpath} into {@code outDir}; returns the errors (empty = success). */
    static List<Error> compile(List<Source> sources, List<Path> classpath, Path outDir) {
        if (JAVAC == null) {
            throw new IllegalStateException("no Java compiler in this runtime: run the grader on a JDK, not a JRE");
        }
        if (sources.isEmpty()) {
            return List.of();
        }
        try {
            Files.createDirectories(outDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = JAVAC.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            List<JavaFileObject> units = new ArrayList<>();
            java.util.Map<JavaFileObject, String> names = new java.util.IdentityHashMap<>();
            for (Source source : sources) {
                JavaFileObject unit = source.file() != null
                        ? files.getJavaFileObjects(source.file().toFile()).iterator().next()
                        : new TextSource(source.displayName(), source.text());
                units.add(unit);
                names.put(unit, source.displayName());
            }
            List<String> options = new ArrayList<>(List.of(
                    "-d", outDir.toString(),
                    "-encoding", "UTF-8",
                    "--release", "17",
                    "-proc:none",
                    "-g",
                    "-nowarn",
                    "-Xlint:none",
                    "-implicit:none",
                    "-Xmaxerrs", "50"));
            StringBuilder cp = new StringBuilder();
            for (Path entry : classpath) {
                if (cp.length() > 0) {
                    cp.append(File.pathSeparatorChar);
                }
                cp.append(entry);
            }
            options.add("-classpath");
            options.add(cp.toString());
            // javac writes nothing useful to its own writer once diagnostics are collected
            JAVAC.getTask(new java.io.StringWriter(), files, diagnostics, options, null, units).call();
            List<Error> errors = new ArrayList<>();
            for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                if (d.getKind() == Diagnostic.Kind.ERROR) {
                    String name = d.getSource() == null ? null : names.getOrDefault(d.getSource(), d.getSource().getName());
                    errors.add(new Error(name, d.getLineNumber(), firstLines(d.getMessage(Locale.ROOT))));
                }
            }
            return errors;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** javac's messages for "cannot find symbol" run over a few lines (symbol, location): keep them, compactly. */
    private static String firstLines(String message) {
        return message.replace("\r", "").replaceAll("\n\\s*", "; ");
    }

    private static final class TextSource extends SimpleJavaFileObject {
        private final String text;

        TextSource(String displayName, String text) {
            super(URI.create("string:///" + displayName.replace(' ', '_')), Kind.SOURCE);
            this.text = text;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return text;
        }
    }
}
