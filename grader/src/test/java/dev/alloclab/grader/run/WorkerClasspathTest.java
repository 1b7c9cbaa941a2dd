package dev.alloclab.grader.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkerClasspathTest {
    @TempDir
    Path dir;

    @Test
    void the_worker_jar_made_by_the_build_is_used_when_it_holds_no_hidden_source() throws IOException {
        // GIVEN the grader's jar and, next to it, a worker jar with only ordinary classes
        Path own = jar("alloclab.jar", "dev/alloclab/grader/run/GradingWorker.class", WorkerClasspath.HIDDEN_PREFIX + "bump/BumpHiddenTest.java");
        jar(WorkerClasspath.PREBUILT_NAME, "dev/alloclab/grader/run/GradingWorker.class");

        // WHEN the grader looks for the grading JVM's jar THEN it takes the prebuilt one
        assertThat(WorkerClasspath.usablePrebuiltJar(own)).isEqualTo(dir.resolve(WorkerClasspath.PREBUILT_NAME));
    }

    @Test
    void a_worker_jar_with_a_hidden_source_in_it_is_never_used() throws IOException {
        // GIVEN a "worker" jar that carries a hidden suite's source (a broken build, or a planted file)
        Path own = jar("alloclab.jar", "dev/alloclab/grader/run/GradingWorker.class");
        jar(WorkerClasspath.PREBUILT_NAME, "dev/alloclab/grader/run/GradingWorker.class",
                WorkerClasspath.HIDDEN_PREFIX + "bump/BumpHiddenTest.java");

        // WHEN / THEN the grader refuses it (and makes a private copy instead)
        assertThat(WorkerClasspath.usablePrebuiltJar(own)).isNull();
    }

    @Test
    void without_a_worker_jar_the_grader_makes_its_own_copy() throws IOException {
        Path own = jar("alloclab.jar", "dev/alloclab/grader/run/GradingWorker.class");

        assertThat(WorkerClasspath.usablePrebuiltJar(own)).isNull();
    }

    @Test
    void a_worker_jar_cut_short_by_an_interrupted_build_is_passed_over_for_a_private_copy() throws IOException {
        // GIVEN a worker jar whose end (the zip directory) was never written: Ctrl-C during the build
        Path own = jar("alloclab.jar", "dev/alloclab/grader/run/GradingWorker.class");
        Path whole = jar(WorkerClasspath.PREBUILT_NAME, "dev/alloclab/grader/run/GradingWorker.class");
        byte[] bytes = Files.readAllBytes(whole);
        Files.write(whole, java.util.Arrays.copyOf(bytes, bytes.length / 2));

        // WHEN / THEN the grader does not use it (and so makes a private copy) instead of failing every grade
        assertThat(WorkerClasspath.usablePrebuiltJar(own)).isNull();
    }

    private Path jar(String name, String... entries) throws IOException {
        Path jar = dir.resolve(name);
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (String entry : entries) {
                out.putNextEntry(new JarEntry(entry));
                OutputStream body = out;
                body.write(new byte[] {1, 2, 3});
                out.closeEntry();
            }
        }
        return jar;
    }
}
