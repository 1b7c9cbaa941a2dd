package dev.alloclab.docs;

import dev.alloclab.core.memory.HeapBytes;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles a snippet in memory with javax.tools against the kit's classes, runs its {@code main},
 * and returns what it printed.
 *
 * <p>A snippet is either a whole class with a {@code public static void main} (used as is) or a run
 * of statements, optionally preceded by imports, which is wrapped in a class whose {@code main}
 * may throw anything. Statement snippets import the kit's packages and {@code java.util.*}, so the
 * pages can stay short; they can add their own imports at the top.
 */
final class SnippetRunner {
    /** Imported into every statement snippet. */
    static final List<String> DEFAULT_IMPORTS = List.of(
            "dev.alloclab.core.*", "dev.alloclab.core.memory.*", "dev.alloclab.core.alloc.*",
            "dev.alloclab.core.vec.*", "dev.alloclab.core.examples.*", "dev.alloclab.core.picture.*",
            "java.util.*");
    /** Packages a statement snippet imports only if they exist (they land in core over time). */
    static final List<String> OPTIONAL_IMPORTS = List.of("dev.alloclab.core.check", "dev.alloclab.core.trace");

    private static final Pattern CLASS_WITH_MAIN = Pattern.compile(
            "(?m)^(?:public\\s+)?(?:final\\s+)?(?:class|record)\\s+(\\w+)");
    private static final Pattern IMPORT = Pattern.compile("^import\\s+[\\w.*]+\\s*;\\s*$");

    private final JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    private final String classPath;
    /** Shared by every compilation: opening the platform's classes once saves about a second per snippet. */
    private final StandardJavaFileManager standardFiles;

    SnippetRunner() {
        if (compiler == null) {
            throw new IllegalStateException("no Java compiler in this runtime: run the docs tests on a JDK, not a JRE");
        }
        this.classPath = codeSourceOf(HeapBytes.class);
        this.standardFiles = compiler.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8);
    }

    /** What a run printed, or why it could not run. */
    record Result(boolean compiled, String output, String problem) {
    }

    /** The Java source a snippet becomes, and how many lines were put in front of the page's code. */
    record Source(String className, String text, int linesBefore) {
    }

    static Source sourceOf(Snippet snippet) {
        String code = snippet.code();
        Matcher declared = CLASS_WITH_MAIN.matcher(code);
        if (code.contains("static void main") && declared.find()) {
            return new Source(declared.group(1), code, 0);
        }
        List<String> imports = new ArrayList<>();
        List<String> body = new ArrayList<>();
        for (String line : code.lines().toList()) {
            if (body.isEmpty() && IMPORT.matcher(line.strip()).matches()) {
                imports.add(line.strip());
                body.add("");
            } else {
                body.add(line);
            }
        }
        String className = "Snippet_" + snippet.page().getFileName().toString().replaceAll("\\W", "_") + "_L" + snippet.line();
        StringBuilder text = new StringBuilder();
        StringBuilder header = new StringBuilder();
        for (String pkg : DEFAULT_IMPORTS) {
            header.append("import ").append(pkg).append("; ");
        }
        for (String pkg : OPTIONAL_IMPORTS) {
            if (packageExists(pkg)) {
                header.append("import ").append(pkg).append(".*; ");
            }
        }
        header.append(String.join(" ", imports));
        text.append(header).append('\n');
        text.append("public class ").append(className)
                .append(" { public static void main(String[] args) throws Exception {\n");
        text.append(String.join("\n", body)).append("\n}}\n");
        return new Source(className, text.toString(), 2);
    }

    static boolean packageExists(String pkg) {
        return SnippetRunner.class.getClassLoader().getDefinedPackage(pkg) != null
                || SnippetRunner.class.getClassLoader().getResource(pkg.replace('.', '/')) != null;
    }

    /** Classes of statement snippets compiled together by {@link #prepare}, by class name. */
    private final Map<String, byte[]> batch = new HashMap<>();

    /**
     * Compiles all statement snippets in one javac run (one run costs about as much as one
     * snippet). If any of them does not compile, nothing is kept and each snippet is compiled on its
     * own in {@link #run}, so its errors are reported against its own page and line.
     */
    synchronized void prepare(List<Snippet> snippets) {
        List<JavaFileObject> units = new ArrayList<>();
        for (Snippet snippet : snippets) {
            Source source = sourceOf(snippet);
            if (source.linesBefore() > 0) {
                units.add(unit(source));
            }
        }
        if (units.isEmpty()) {
            return;
        }
        MemoryFileManager files = new MemoryFileManager(standardFiles);
        if (compile(files, units, new DiagnosticCollector<>())) {
            batch.putAll(files.classes);
        }
    }

    private boolean compile(MemoryFileManager files, List<JavaFileObject> units,
                            DiagnosticCollector<JavaFileObject> diagnostics) {
        return compiler.getTask(null, files, diagnostics,
                List.of("-classpath", classPath, "-proc:none", "-Xlint:none"), null, units).call();
    }

    private static JavaFileObject unit(Source source) {
        return new SimpleJavaFileObject(URI.create("string:///" + source.className() + ".java"),
                JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source.text();
            }
        };
    }

    synchronized Result run(Snippet snippet) {
        Source source = sourceOf(snippet);
        Map<String, byte[]> classes = new HashMap<>(batch);
        if (!classes.containsKey(source.className())) {
            DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
            MemoryFileManager files = new MemoryFileManager(standardFiles);
            if (!compile(files, List.of(unit(source)), diagnostics)) {
                String errors = diagnostics.getDiagnostics().stream()
                        .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                        .map(d -> "  docs/" + snippet.page() + ":"
                                + (snippet.line() + d.getLineNumber() - source.linesBefore()) + ": "
                                + d.getMessage(Locale.ROOT))
                        .collect(Collectors.joining("\n"));
                return new Result(false, "", errors);
            }
            classes.putAll(files.classes);
        }
        ClassLoader loader = new ClassLoader(SnippetRunner.class.getClassLoader()) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                byte[] bytes = classes.get(name);
                if (bytes == null) {
                    throw new ClassNotFoundException(name);
                }
                return defineClass(name, bytes, 0, bytes.length);
            }
        };
        PrintStream originalOut = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (PrintStream capture = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            Method main = loader.loadClass(source.className()).getMethod("main", String[].class);
            if (!Modifier.isStatic(main.getModifiers())) {
                return new Result(true, "", "main must be static");
            }
            main.invoke(null, (Object) new String[0]);
            return new Result(true, printed.toString(StandardCharsets.UTF_8), null);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            return new Result(true, printed.toString(StandardCharsets.UTF_8),
                    "it threw " + cause.getClass().getName() + ": " + cause.getMessage());
        } catch (ReflectiveOperationException e) {
            return new Result(true, "", "could not start its main: " + e);
        } finally {
            System.setOut(originalOut);
        }
    }

    private static String codeSourceOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (Exception e) {
            return System.getProperty("java.class.path");
        }
    }

    /** Keeps compiled classes in memory. */
    private static final class MemoryFileManager extends ForwardingJavaFileManager<StandardJavaFileManager> {
        final Map<String, byte[]> classes = new HashMap<>();

        MemoryFileManager(StandardJavaFileManager standard) {
            super(standard);
        }

        @Override
        public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                                                   FileObject sibling) {
            return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/') + kind.extension), kind) {
                @Override
                public java.io.OutputStream openOutputStream() {
                    return new ByteArrayOutputStream() {
                        @Override
                        public void close() {
                            classes.put(className, toByteArray());
                        }
                    };
                }
            };
        }
    }
}
