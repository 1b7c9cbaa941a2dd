package dev.alloclab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reports, results and the gradebook go through {@link GradeCommand#writeAtomically}: its permissions and its clean-up. */
class AtomicReportWriteTest {
    @TempDir
    Path temp;

    @Test
    void a_report_gets_the_permissions_a_plain_write_gives_under_the_umask() throws IOException {
        // GIVEN the permissions this user's umask gives a file written the plain way
        Path plain = Files.writeString(temp.resolve("plain.txt"), "x");
        Set<PosixFilePermission> umasked = Files.getPosixFilePermissions(plain);
        Assumptions.assumeTrue(umasked.contains(PosixFilePermission.GROUP_READ) || umasked.contains(PosixFilePermission.OTHERS_READ),
                "the umask makes every new file private, so 0600 cannot be told apart: " + umasked);
        // WHEN a report is written atomically, new and then over an older one
        Path report = GradeCommand.writeAtomically(temp.resolve("out"), "grade.html", "<html>first</html>");
        Set<PosixFilePermission> first = Files.getPosixFilePermissions(report);
        GradeCommand.writeAtomically(temp.resolve("out"), "grade.html", "<html>second</html>");
        // THEN it has the same permissions both times (a TA in the group, or a web server, can read it)
        assertThat(first).isEqualTo(umasked);
        assertThat(Files.getPosixFilePermissions(report)).isEqualTo(umasked);
        assertThat(report).hasContent("<html>second</html>");
        try (var files = Files.list(temp.resolve("out"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("grade.html");
        }
    }

    @Test
    void a_failed_rename_leaves_no_temporary_file_behind() throws IOException {
        // GIVEN a folder (not empty) where the report file should go, so the final rename fails
        Path dir = Files.createDirectories(temp.resolve("class"));
        Files.writeString(Files.createDirectories(dir.resolve("gradebook.csv")).resolve("inside.txt"), "x");
        // WHEN the gradebook is written there
        assertThatThrownBy(() -> GradeCommand.writeAtomically(dir, "gradebook.csv", "student,total\n"))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageStartingWith("cannot write '" + dir.resolve("gradebook.csv") + "': ")
                .hasMessageNotContaining(".tmp");
        // THEN only what was there before is left: the temporary file was deleted
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("gradebook.csv");
        }
    }
}
