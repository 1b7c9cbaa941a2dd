package dev.alloclab.grader.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ReviewedClassLoader}: classes and resources from the bytes it was given, never from the folder it names. */
class ReviewedClassLoaderTest {
    @TempDir
    Path temp;

    @Test
    void classes_come_from_the_bytes_given_and_files_written_later_are_never_loaded() throws Exception {
        // GIVEN the class files of p.Given and p.Later, and a loader given only p.Given, labelled with the folder
        Map<String, byte[]> compiled = compile("p.Given", "package p; public class Given implements Runnable { public void run() { } }",
                "p.Later", "package p; public class Later implements Runnable { public void run() { } }");
        Path folder = Files.createDirectories(temp.resolve("main"));
        ReviewedClassLoader loader = new ReviewedClassLoader("test", Map.of("p.Given", compiled.get("p.Given")),
                Map.of("META-INF/services/java.lang.Runnable", "p.Given\n".getBytes(StandardCharsets.UTF_8)), folder,
                getClass().getClassLoader());
        // WHEN p.Later's class file and a service file naming it are written into that folder afterwards
        Files.createDirectories(folder.resolve("p"));
        Files.write(folder.resolve("p/Later.class"), compiled.get("p.Later"));
        Files.createDirectories(folder.resolve("META-INF/services"));
        Files.writeString(folder.resolve("META-INF/services/java.lang.Runnable"), "p.Later\n");
        // THEN p.Given is defined from its bytes, with the folder as its code source's location (JaCoCo instruments only
        // classes that have one), and p.Later is not found
        Class<?> given = loader.loadClass("p.Given");
        assertThat(given.getClassLoader()).isSameAs(loader);
        assertThat(given.getProtectionDomain().getCodeSource().getLocation()).isEqualTo(folder.toUri().toURL());
        assertThatThrownBy(() -> loader.loadClass("p.Later")).isInstanceOf(ClassNotFoundException.class)
                .hasMessageContaining("p.Later was not compiled from the submission");
        assertThat(loader.classNames()).containsExactly("p.Given");
        // AND ServiceLoader sees the service file as it was given, not as it is on disk
        assertThat(ServiceLoader.load(Runnable.class, loader).stream().map(p -> p.type().getName()).toList())
                .containsExactly("p.Given");
        assertThat(loader.getResource("p/Later.class")).isNull();
    }

    @Test
    void resources_are_the_bytes_given_class_files_included() throws Exception {
        // GIVEN a loader with one class and one resource
        Map<String, byte[]> compiled = compile("q.Only", "package q; public class Only { }");
        ReviewedClassLoader loader = new ReviewedClassLoader("test", compiled,
                Map.of("notes/a.txt", "from the snapshot".getBytes(StandardCharsets.UTF_8)), temp, null);
        // WHEN the file the resource came from says something else now
        Files.createDirectories(temp.resolve("notes"));
        Files.writeString(temp.resolve("notes/a.txt"), "rewritten");
        // THEN the resource, its enumeration and the class file as a resource are the bytes given
        try (InputStream in = loader.getResourceAsStream("notes/a.txt")) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("from the snapshot");
        }
        assertThat(java.util.Collections.list(loader.getResources("notes/a.txt"))).hasSize(1)
                .allMatch(url -> url.getProtocol().equals(ReviewedClassLoader.SCHEME));
        try (InputStream in = loader.getResourceAsStream("q/Only.class")) {
            assertThat(in.readAllBytes()).isEqualTo(compiled.get("q.Only"));
        }
        assertThat(loader.getResource("notes/b.txt")).isNull();
    }

    /** Compiles pairs of (binary name, source) and returns each class file's bytes by binary name. */
    private Map<String, byte[]> compile(String... namesAndSources) throws IOException {
        Path src = Files.createDirectories(temp.resolve("src"));
        Path out = Files.createDirectories(temp.resolve("out"));
        List<String> arguments = new java.util.ArrayList<>(List.of("--release", "17", "-d", out.toString()));
        for (int i = 0; i < namesAndSources.length; i += 2) {
            Path file = src.resolve(namesAndSources[i].replace('.', '/') + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, namesAndSources[i + 1]);
            arguments.add(file.toString());
        }
        assertThat(ToolProvider.getSystemJavaCompiler().run(null, null, System.err, arguments.toArray(String[]::new))).isZero();
        Map<String, byte[]> classes = new java.util.LinkedHashMap<>();
        for (int i = 0; i < namesAndSources.length; i += 2) {
            classes.put(namesAndSources[i], Files.readAllBytes(out.resolve(namesAndSources[i].replace('.', '/') + ".class")));
        }
        return classes;
    }
}
