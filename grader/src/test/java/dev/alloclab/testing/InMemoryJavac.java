package dev.alloclab.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/**
 * javac in memory, for tests that need the bytes of a class written for the test (the review and the shared-code
 * scan read class files): no folder of sources, no build step, and a failed compile fails the test with javac's
 * diagnostics.
 */
public final class InMemoryJavac {
    private InMemoryJavac() {
    }

    /**
     * Compiles {@code sources} (class name, dotted or internal, to source text) together, against the test classpath
     * and the classes {@code onClasspath} (internal name to bytes); returns internal name to bytes of every class
     * written, nested ones included.
     */
    public static Map<String, byte[]> compile(Map<String, String> sources, Map<String, byte[]> onClasspath) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        Map<String, ByteArrayOutputStream> out = new TreeMap<>();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        List<JavaFileObject> units = new ArrayList<>();
        sources.forEach((name, text) -> units.add(new SimpleJavaFileObject(
                URI.create("string:///" + name.replace('.', '/') + ".java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return text;
            }
        }));
        String classpath = System.getProperty("java.class.path")
                + (onClasspath.isEmpty() ? "" : java.io.File.pathSeparator + written(onClasspath));
        List<String> options = List.of("--release", "17", "-proc:none", "-g", "-classpath", classpath);
        try (JavaFileManager files = new ForwardingJavaFileManager<>(javac.getStandardFileManager(diagnostics, null, null)) {
            @Override
            public JavaFileObject getJavaFileForOutput(Location location, String name, JavaFileObject.Kind kind,
                    FileObject sibling) {
                return new SimpleJavaFileObject(URI.create("mem:///" + name.replace('.', '/') + ".class"), kind) {
                    @Override
                    public OutputStream openOutputStream() {
                        return out.computeIfAbsent(name.replace('.', '/'), n -> new ByteArrayOutputStream());
                    }
                };
            }
        }) {
            boolean ok = javac.getTask(null, files, diagnostics, options, null, units).call();
            assertThat(ok).as("%s", diagnostics.getDiagnostics()).isTrue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, byte[]> compiled = new TreeMap<>();
        out.forEach((name, bytes) -> compiled.put(name, bytes.toByteArray()));
        return compiled;
    }

    /** Writes {@code classes} to a temporary folder for javac's classpath, deleted when the test JVM ends. */
    private static String written(Map<String, byte[]> classes) {
        try {
            Path dir = Files.createTempDirectory("in-memory-javac");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> dev.alloclab.grader.TempFolders.deleteQuietly(dir)));
            for (Map.Entry<String, byte[]> c : classes.entrySet()) {
                Path file = dir.resolve(c.getKey() + ".class");
                Files.createDirectories(file.getParent());
                Files.write(file, c.getValue());
            }
            return dir.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
