package dev.alloclab.grader.compile;

import com.sun.source.util.JavacTask;
import com.sun.source.util.TaskEvent;
import com.sun.source.util.TaskListener;
import dev.alloclab.grader.FileNames;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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

    /**
     * A file manager for several compilations in a row: it keeps the libraries' jars open and
     * indexed between calls, which saves most of a javac call's start-up cost.
     */
    static StandardJavaFileManager fileManager() {
        if (JAVAC == null) {
            throw new IllegalStateException("no Java compiler in this runtime: run the grader on a JDK, not a JRE");
        }
        return JAVAC.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8);
    }

    /**
     * How long one javac call may take. A real submission compiles in a second or two; thousands of generated
     * classes would otherwise hold the grader (which compiles in its own JVM) for as long as they like.
     */
    static final Duration TIME_LIMIT = Duration.ofSeconds(60);

    /** Compiles {@code sources} against {@code classpath} into {@code outDir}; returns the errors (empty = success). */
    static List<Error> compile(StandardJavaFileManager files, List<Source> sources, List<Path> classpath, Path outDir) {
        return compile(files, sources, classpath, outDir, TIME_LIMIT);
    }

    /**
     * As {@link #compile(StandardJavaFileManager, List, List, Path)}, giving up after {@code limit}. javac is
     * checked between its steps (each file parsed, each class analysed and written): one class that takes
     * longer on its own is only stopped when it is done.
     */
    static List<Error> compile(StandardJavaFileManager files, List<Source> sources, List<Path> classpath, Path outDir,
            Duration limit) {
        if (sources.isEmpty()) {
            return List.of();
        }
        List<Error> unreadFiles = new ArrayList<>();
        sources = asJavacReadsThem(sources, unreadFiles);
        if (!unreadFiles.isEmpty()) {
            return unreadFiles;
        }
        try {
            Files.createDirectories(outDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try {
            List<JavaFileObject> units = new ArrayList<>();
            java.util.Map<JavaFileObject, String> names = new java.util.IdentityHashMap<>();
            List<Error> unusable = new ArrayList<>();
            for (Source source : sources) {
                JavaFileObject unit;
                try {
                    // by the Path the listing returned, never through a String or a File: a name that is not valid
                    // in the locale's charset (a Latin-1 x\xFF.java, or Größe.java under LANG=C) would not survive
                    unit = source.file() != null
                            ? files.getJavaFileObjectsFromPaths(List.of(source.file())).iterator().next()
                            : new TextSource(source.displayName(), source.text());
                } catch (IllegalArgumentException e) {
                    // javac's file manager refuses a path it cannot use: that file's error, not every exercise's
                    // (not javac's message: "unmappable characters" in it would read as a file not saved as UTF-8)
                    unusable.add(new Error(source.displayName(), 0, "javac cannot use this file's name"
                            + FileNames.localeHint()));
                    continue;
                }
                units.add(unit);
                names.put(unit, source.displayName());
            }
            if (!unusable.isEmpty()) {
                return unusable;
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
            // once diagnostics are collected, javac writes to its own writer only when it fails itself (its stack trace)
            java.io.StringWriter javacOwn = new java.io.StringWriter();
            JavacTask task = (JavacTask) JAVAC.getTask(javacOwn, files, diagnostics, options, null, units);
            long deadline = System.nanoTime() + limit.toNanos();
            // the file javac last started a step on: what its own failure is charged to
            dev.alloclab.companion.JavacFailure.Reading reading = new dev.alloclab.companion.JavacFailure.Reading();
            task.addTaskListener(reading);
            task.addTaskListener(new TaskListener() {
                @Override
                public void started(TaskEvent event) {
                    if (System.nanoTime() - deadline > 0) {
                        throw new OutOfTime();
                    }
                }
            });
            boolean compiled;
            try {
                compiled = task.call();
            } catch (RuntimeException e) {
                if (!causedBy(e, OutOfTime.class)) {
                    throw e;
                }
                // not charged to the file javac was on: the limit is the whole call's, and any file may be the one
                // reading when it runs out
                return List.of(new Error(null, 0, "javac gave up after " + limit.toSeconds() + " s: these sources take "
                        + "far longer to compile than any exercise answer should (thousands of classes, or generated code?)"));
            }
            List<Error> errors = new ArrayList<>();
            for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                if (d.getKind() == Diagnostic.Kind.ERROR) {
                    String name = nameOf(d.getSource(), names);
                    errors.add(new Error(name, d.getLineNumber(), firstLines(d.getMessage(Locale.ROOT))));
                }
            }
            if (!compiled && errors.isEmpty()) {
                // javac failed without an error of the code's own: it threw, caught itself, and wrote no class files
                errors.add(new Error(nameOf(reading.file(), names), 0,
                        dev.alloclab.companion.JavacFailure.sentence(javacOwn.toString())));
            }
            return errors;
        } catch (IllegalArgumentException unreadable) {
            // javac's file manager refuses a path it cannot use (e.g. a name the file system rejects)
            return List.of(new Error(null, 0, "javac could not read a source: " + unreadable.getMessage()));
        }
    }

    /** The display name of {@code unit} (javac's own name for a file it made up), or null for none. */
    private static String nameOf(JavaFileObject unit, java.util.Map<JavaFileObject, String> names) {
        return unit == null ? null : names.getOrDefault(unit, unit.getName());
    }

    /** Thrown from javac's task listener when a call is out of time; javac passes it out of {@code call()}. */
    private static final class OutOfTime extends RuntimeException {
        OutOfTime() {
            super("javac out of time", null, false, false);
        }
    }

    private static boolean causedBy(Throwable t, Class<? extends Throwable> kind) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (kind.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The sources with each file that is not valid UTF-8 replaced by its text decoded as javac under {@code mvn test}
     * decodes it (each bad byte sequence as U+FFFD, see {@link SourceEncoding}); a file that cannot be read adds an
     * error to {@code errors}. Decoded here, before javac runs: a shared file manager reports decoding problems to
     * the first compilation that used it, not to this one, and javac would make them errors or warnings by its
     * options, where {@code mvn test} only warns. The note to the student comes from {@link SourceEncoding#note}.
     */
    private static List<Source> asJavacReadsThem(List<Source> sources, List<Error> errors) {
        List<Source> read = new ArrayList<>();
        for (Source source : sources) {
            if (source.file() == null) {
                read.add(source);
                continue;
            }
            try {
                byte[] bytes = Files.readAllBytes(source.file());
                read.add(SourceEncoding.isUtf8(bytes) ? source
                        : Source.text(source.displayName(), SourceEncoding.lenient(bytes)));
            } catch (IOException e) {
                errors.add(new Error(source.displayName(), 0, "cannot read this file: "
                        + dev.alloclab.core.IoReason.of(e, source.file())));
            }
        }
        return read;
    }

    /** javac's messages for "cannot find symbol" run over a few lines (symbol, location): keep them, compactly. */
    private static String firstLines(String message) {
        return message.replace("\r", "").replaceAll(";?\n\\s*", "; ");
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
