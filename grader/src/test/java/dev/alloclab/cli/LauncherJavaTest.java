package dev.alloclab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which Java the launcher {@code alloclab} runs, and the kit folders it cannot run from. Run on a copy of the script in
 * a fake kit whose build is current, with fake {@code java} programs that say which one ran (no build, no JVM).
 */
class LauncherJavaTest {
    @TempDir
    Path temp;

    @Test
    void with_java_home_set_to_a_jdk_the_launcher_runs_its_java_even_with_no_java_on_the_path() throws Exception {
        // GIVEN a kit, a JAVA_HOME whose bin/java says who it is, and a PATH with no java
        Path kit = fakeKit(temp.resolve("kit"), true);
        Path jdk = fakeJdk("jdk", "the JAVA_HOME java", true);
        // WHEN the launcher runs
        Run run = launcher(kit, Map.of("JAVA_HOME", jdk.toString(), "PATH", emptyBin() + ":/usr/bin:/bin"));
        // THEN JAVA_HOME's java ran (as Maven, which builds the kit, would use it), not "no 'java' on the PATH"
        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output()).contains("the JAVA_HOME java").doesNotContain("no 'java'");
    }

    @Test
    void with_java_home_set_and_a_java_on_the_path_java_home_wins() throws Exception {
        // GIVEN a JAVA_HOME java and another java first on the PATH
        Path kit = fakeKit(temp.resolve("kit"), true);
        Path jdk = fakeJdk("jdk", "the JAVA_HOME java", true);
        Path other = fakeJdk("other", "the PATH java", true);
        // WHEN the launcher runs
        Run run = launcher(kit, Map.of("JAVA_HOME", jdk.toString(), "PATH", other.resolve("bin") + ":/usr/bin:/bin"));
        // THEN JAVA_HOME's ran: one Java builds and runs the kit
        assertThat(run.output()).contains("the JAVA_HOME java").doesNotContain("the PATH java");
    }

    @Test
    void a_java_home_that_points_nowhere_is_one_sentence_and_exit_2() throws Exception {
        // GIVEN a JAVA_HOME that holds no bin/java, and a java on the PATH
        Path kit = fakeKit(temp.resolve("kit"), true);
        Path other = fakeJdk("other", "the PATH java", true);
        String nowhere = temp.resolve("no/such/jdk").toString();
        // WHEN the launcher runs
        Run run = launcher(kit, Map.of("JAVA_HOME", nowhere, "PATH", other.resolve("bin") + ":/usr/bin:/bin"));
        // THEN it names JAVA_HOME and what to do, and runs no java
        assertThat(run.exit()).as(run.output()).isEqualTo(2);
        assertThat(run.output()).contains("JAVA_HOME is '" + nowhere + "'", "no bin/java", "unset it")
                .doesNotContain("the PATH java");
    }

    @Test
    void a_build_with_java_home_set_to_a_jre_says_so_instead_of_mavens_page() throws Exception {
        // GIVEN a kit that needs building, JAVA_HOME a Java without javac, and an mvn that says it ran
        Path kit = fakeKit(temp.resolve("kit"), false);
        Path jre = fakeJdk("jre", "the JRE java", false);
        Path bin = emptyBin();
        script(bin.resolve("mvn"), "echo mvn ran");
        // WHEN the launcher runs
        Run run = launcher(kit, Map.of("JAVA_HOME", jre.toString(), "PATH", bin + ":/usr/bin:/bin"));
        // THEN one sentence names the JRE before Maven runs
        assertThat(run.exit()).as(run.output()).isEqualTo(2);
        assertThat(run.output()).contains("JAVA_HOME ('" + jre + "') is a Java without a compiler", "JDK 17")
                .doesNotContain("mvn ran");
    }

    @Test
    void a_kit_in_a_folder_with_a_colon_says_java_cannot_use_the_path() throws Exception {
        // GIVEN a kit in a folder whose path has a ':' (Java splits class paths there)
        Path kit = fakeKit(temp.resolve("term:2026/kit"), true);
        Path jdk = fakeJdk("jdk", "the JAVA_HOME java", true);
        // WHEN the launcher runs
        Run run = launcher(kit, Map.of("JAVA_HOME", jdk.toString()));
        // THEN exit 2 and a sentence naming the folder and what to do, not "Could not find or load main class"
        assertThat(run.exit()).as(run.output()).isEqualTo(2);
        assertThat(run.output()).contains("the kit's folder '" + kit.toRealPath() + "' has a ':' in it", "Move or rename")
                .doesNotContain("the JAVA_HOME java");
    }

    /** A kit holding the launcher; {@code built}: its build is current (else it needs one). */
    private static Path fakeKit(Path kit, boolean built) throws IOException {
        return FakeKit.at(kit, built);
    }

    /** A Java home whose bin/java prints {@code says}; with {@code javac}: a bin/javac too (a JDK, else a JRE). */
    private Path fakeJdk(String name, String says, boolean javac) throws IOException {
        Path bin = Files.createDirectories(temp.resolve(name + "/bin"));
        script(bin.resolve("java"), "echo '" + says + "'");
        if (javac) {
            script(bin.resolve("javac"), "exit 0");
        }
        return bin.getParent();
    }

    private Path emptyBin() throws IOException {
        return Files.createDirectories(temp.resolve("empty-bin"));
    }

    private static void script(Path file, String body) throws IOException {
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    record Run(int exit, String output) {}

    private static Run launcher(Path kit, Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(List.of("bash", kit.resolve("alloclab").toString(), "list"))
                .redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.equals("JAVA_HOME") || k.startsWith("ALLOCLAB_"));
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(1, TimeUnit.MINUTES)).isTrue();
        return new Run(p.exitValue(), out);
    }
}
