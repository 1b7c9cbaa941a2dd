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

    @Test
    void a_learners_edits_in_exercises_or_docs_do_not_rebuild_the_kit_but_its_code_and_alloclab_rebuild_do()
            throws Exception {
        // GIVEN a kit built once by the launcher (a fake mvn that counts its builds)
        Path kit = Files.createDirectories(temp.resolve("kit"));
        Files.copy(KitRoot.resolve("alloclab"), kit.resolve("alloclab"));
        Path exercise = kit.resolve("exercises/src/main/java/Bump.java");
        Path page = kit.resolve("docs/bump.md");
        Path code = kit.resolve("core/src/main/java/Heap.java");
        for (Path f : List.of(exercise, page, code)) {
            Files.createDirectories(f.getParent());
            Files.writeString(f, "as cloned");
        }
        Path bin = Files.createDirectories(temp.resolve("bin"));
        script(bin.resolve("mvn"), "mkdir -p grader/target && touch grader/target/alloclab.jar "
                + "grader/target/alloclab-worker.jar && echo build >> " + temp.resolve("builds"));
        script(bin.resolve("java"), "echo the kit ran");
        script(bin.resolve("javac"), "exit 0");
        assertThat(launch(kit, bin, null)).contains("first run: building");
        // WHEN a learner edits an exercise and a page (their files newer than the build), and runs a command
        Thread.sleep(1100); // file times of 1 s resolution
        Files.writeString(exercise, "my answer");
        Files.writeString(page, "my notes");
        String afterEdits = launch(kit, bin, null);
        // THEN the kit is not rebuilt: the jar keeps the starter as cloned, the reference of "the starter's file"
        assertThat(afterEdits).contains("the kit ran").doesNotContain("rebuilding");
        assertThat(Files.readAllLines(temp.resolve("builds"))).hasSize(1);
        // AND ALLOCLAB_REBUILD=1 rebuilds with them, and so does a change of the kit's own code
        assertThat(launch(kit, bin, "1")).contains("ALLOCLAB_REBUILD=1: rebuilding", "the kit ran");
        Thread.sleep(1100);
        Files.writeString(code, "changed");
        assertThat(launch(kit, bin, null)).contains("sources changed since the last build; rebuilding");
        assertThat(Files.readAllLines(temp.resolve("builds"))).hasSize(3);
    }

    /** Runs {@code alloclab list} in {@code kit} with the fake tools of {@code bin}; its output, after exit 0. */
    private String launch(Path kit, Path bin, String rebuild) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(List.of("bash", kit.resolve("alloclab").toString(), "list"))
                .redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.equals("JAVA_HOME") || k.startsWith("ALLOCLAB_"));
        pb.environment().put("PATH", bin + ":/usr/bin:/bin");
        if (rebuild != null) {
            pb.environment().put("ALLOCLAB_REBUILD", rebuild);
        }
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(1, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    private static void script(Path file, String body) throws IOException {
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
