package dev.alloclab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What grade-all takes for a student in the class folder, and what it leaves out. */
class GradeAllClassFolderTest {
    @Test
    void the_metadata_folder_of_a_mac_archive_is_no_student(@TempDir Path temp) throws IOException {
        // GIVEN a class folder unpacked from a Mac zip: a __MACOSX folder of ._ files and nothing else graded yet
        Path classDir = Files.createDirectories(temp.resolve("class"));
        Files.writeString(Files.createDirectories(classDir.resolve("__MACOSX/ada")).resolve("._pom.xml"), "meta");
        // WHEN the class is graded
        CommandLineRun run = CommandLineRun.of("grade-all", classDir.toString());
        // THEN it is skipped with a note, not a student row with 0 (QA windows27 M3): here no student is left
        assertThat(run.err()).contains("grade-all: note: skipped '__MACOSX' in '" + classDir + "': the metadata a Mac "
                + "archive adds, not a student's submission.")
                .contains("holds no submission folders");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    }
}
