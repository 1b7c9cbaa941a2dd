package dev.alloclab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alloclab.testing.KitRoot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's first build, on a copy of the script in a fake kit that needs one, with a fake {@code mvn} that
 * writes the jars and a fake {@code java} that says it ran (no real build, no JVM).
 */
class LauncherBuildTest {
    @TempDir
    Path temp;

    @Test
    void a_tmpdir_that_does_not_exist_neither_stops_the_build_nor_leaves_its_lock_behind() throws Exception {
        // GIVEN a kit that needs building, an mvn that builds it, a java that says it ran, and a TMPDIR that is no folder
        Path kit = Files.createDirectories(temp.resolve("kit"));
        Files.copy(KitRoot.resolve("alloclab"), kit.resolve("alloclab"));
        Path bin = Files.createDirectories(temp.resolve("bin"));
        script(bin.resolve("mvn"), "mkdir -p grader/target && touch grader/target/alloclab.jar grader/target/alloclab-worker.jar");
        script(bin.resolve("java"), "echo the kit ran");
        script(bin.resolve("javac"), "exit 0");
        ProcessBuilder pb = new ProcessBuilder(List.of("bash", kit.resolve("alloclab").toString(), "list"))
                .redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.equals("JAVA_HOME") || k.startsWith("ALLOCLAB_"));
        pb.environment().put("PATH", bin + ":/usr/bin:/bin");
        pb.environment().put("TMPDIR", temp.resolve("no-such-tmp").toString());
        // WHEN the launcher runs
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(1, TimeUnit.MINUTES)).isTrue();
        // THEN it built and ran the kit (no "mktemp: failed to create file"), and no build lock is left
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("built ", "the kit ran").doesNotContain("mktemp");
        assertThat(kit.resolve("grader/target/.build-lock")).doesNotExist();
    }

    private static void script(Path file, String body) throws IOException {
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
