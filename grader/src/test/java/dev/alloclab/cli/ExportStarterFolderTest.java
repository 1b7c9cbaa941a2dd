package dev.alloclab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alloclab.testing.KitRoot;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportStarterFolderTest {

    @Test
    void a_folder_whose_path_holds_a_colon_is_refused_before_anything_is_written(@TempDir Path dir) {
        // GIVEN a folder name with ':' (Java's class path separator: nothing could run from there)
        Path target = dir.resolve("course:2026").resolve("starter");
        // WHEN a starter is exported into it
        CommandLineRun run = CommandLineRun.of("export-starter", target.toString());
        // THEN one sentence says why and what to do, and nothing was written
        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("has a ':' in its path", "Choose a folder whose path has no ':'");
        assertThat(Files.exists(dir.resolve("course:2026"))).isFalse();
    }

    @Test
    void answers_worked_out_in_the_kit_stay_out_of_the_starter_and_the_export_names_the_files_that_differ(
            @TempDir Path dir) throws Exception {
        // GIVEN a kit (exercises/src and docs as built) where a learner answered bump
        Path kit = dir.resolve("kit");
        CompanionCommandsTest.copyTree(KitRoot.resolve("exercises/src"), kit.resolve("exercises/src"));
        CompanionCommandsTest.copyTree(KitRoot.resolve("docs"), kit.resolve("docs"));
        String stub = "src/main/java/dev/alloclab/exercises/bump/BumpAllocator.java";
        Files.writeString(kit.resolve("exercises/" + stub), "// my answer\n" + Files.readString(kit.resolve("exercises/"
                + stub)));
        String saved = System.getProperty("alloclab.home");
        System.setProperty("alloclab.home", kit.toString());
        try {
            // WHEN a starter is exported from it
            CommandLineRun run = CommandLineRun.of("export-starter", dir.resolve("starter").toString());
            // THEN the starter has the stub as built, and a note names the file and how to export a course's changes
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(Files.readString(dir.resolve("starter/" + stub))).doesNotContain("my answer");
            assertThat(run.out()).contains("note: 1 file of this kit differs from the starter it was built with, so the"
                    + " starter has the built copies: exercises/" + stub + ".", "ALLOCLAB_REBUILD=1 ./alloclab export-starter");
            // AND a kit as built exports with no note
            CompanionCommandsTest.copyTree(KitRoot.resolve("exercises/src"), kit.resolve("exercises/src"));
            CommandLineRun clean = CommandLineRun.of("export-starter", dir.resolve("clean").toString());
            assertThat(clean.out()).as(clean.err()).doesNotContain("note:");
        } finally {
            if (saved == null) {
                System.clearProperty("alloclab.home");
            } else {
                System.setProperty("alloclab.home", saved);
            }
        }
    }
}
