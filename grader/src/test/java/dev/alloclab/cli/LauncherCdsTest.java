package dev.alloclab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alloclab.testing.KitRoot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's class-data-sharing archive for {@code grade}: only an optimisation, so a JDK that cannot record one
 * (a jlinked JDK without a base CDS archive, or {@code -Xshare:off} in the environment) must still grade. Run on a
 * copy of the script in a fake kit whose build is current and whose {@code alloclab.jar} is a one-class program, with
 * the real {@code java} of this test's JDK.
 */
class LauncherCdsTest {
    @TempDir
    Path temp;
    Path kit;

    @BeforeEach
    void fake_kit_with_a_one_class_jar() throws IOException {
        kit = Files.createDirectories(temp.resolve("kit"));
        Files.copy(KitRoot.resolve("alloclab"), kit.resolve("alloclab"));
        Path target = Files.createDirectories(kit.resolve("grader/target"));
        Path src = Files.writeString(Files.createDirectories(temp.resolve("src")).resolve("Main.java"),
                "public class Main { public static void main(String[] a) {"
                        + " System.out.println(\"graded \" + String.join(\" \", a)); } }");
        Path classes = Files.createDirectories(temp.resolve("classes"));
        assertThat(ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(), src.toString()))
                .isZero();
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "Main");
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(target.resolve("alloclab.jar")), manifest)) {
            jar.putNextEntry(new JarEntry("Main.class"));
            jar.write(Files.readAllBytes(classes.resolve("Main.class")));
            jar.closeEntry();
        }
        Files.writeString(target.resolve("alloclab-worker.jar"), "");
        Files.writeString(target.resolve("alloclab.built"), "");
    }

    @Test
    void with_xshare_off_in_java_tool_options_grade_runs_without_the_archive_and_says_why_once() throws Exception {
        // GIVEN an environment that turns class data sharing off (some CI and container set-ups do)
        Map<String, String> env = Map.of("JAVA_TOOL_OPTIONS", "-Xshare:off");
        // WHEN two grades run there (the first would record the archive)
        Run first = launcher(env, "grade", "solutions");
        Run second = launcher(env, "grade", "solutions");
        // THEN both graded (no "DynamicDumpSharedSpaces is unsupported" from a JVM that never started) ...
        assertThat(first.exit()).as(first.output()).isZero();
        assertThat(first.output()).contains("graded grade solutions").doesNotContain("DynamicDumpSharedSpaces");
        assertThat(second.exit()).as(second.output()).isZero();
        assertThat(second.output()).contains("graded grade solutions");
        assertThat(second.output()).doesNotContain("class-data-sharing");
        if (cannotRecordWithSharingOff()) {
            // ... on a JDK 17, which cannot: the first said once why it runs without an archive, none was written
            assertThat(first.output()).containsOnlyOnce("cannot record a class-data-sharing archive");
            assertThat(archives()).isZero();
        } else {
            // ... on a newer JDK (25 records a dynamic archive without a base one): nothing to say
            assertThat(first.output()).doesNotContain("class-data-sharing");
        }
    }

    /** Whether this test's JDK stops when asked to record an archive with sharing off (JDK 17 does, JDK 25 does not). */
    private boolean cannotRecordWithSharingOff() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process probe = new ProcessBuilder(java.toString(), "-Xshare:off",
                "-XX:ArchiveClassesAtExit=" + temp.resolve("probe.jsa"), "-version").redirectErrorStream(true).start();
        probe.getInputStream().readAllBytes();
        assertThat(probe.waitFor(1, TimeUnit.MINUTES)).isTrue();
        return probe.exitValue() != 0;
    }

    @Test
    void on_a_jdk_that_can_record_one_the_first_grade_writes_the_archive_silently() throws Exception {
        // WHEN a grade runs with no CDS options in the environment
        Run run = launcher(Map.of(), "grade", "solutions");
        // THEN it graded, recorded the archive for the next grades and said nothing about it
        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output()).contains("graded grade solutions").doesNotContain("class-data-sharing");
        assertThat(archives()).isEqualTo(1);
    }

    private long archives() throws IOException {
        try (Stream<Path> files = Files.list(kit.resolve("grader/target"))) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jsa")).count();
        }
    }

    record Run(int exit, String output) {}

    private Run launcher(Map<String, String> env, String... args) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", kit.resolve("alloclab").toString()).redirectErrorStream(true);
        pb.command().addAll(java.util.List.of(args));
        pb.environment().keySet().removeIf(k -> k.equals("JAVA_HOME") || k.equals("JDK_JAVA_OPTIONS")
                || k.equals("JAVA_TOOL_OPTIONS") || k.startsWith("ALLOCLAB_"));
        pb.environment().put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":/usr/bin:/bin");
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(1, TimeUnit.MINUTES)).isTrue();
        return new Run(p.exitValue(), out);
    }
}
