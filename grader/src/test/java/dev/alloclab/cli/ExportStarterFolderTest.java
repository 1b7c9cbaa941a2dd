package dev.alloclab.cli;

import static org.assertj.core.api.Assertions.assertThat;

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
}
