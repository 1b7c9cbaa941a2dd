package dev.alloclab.grader.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which of the grader's files a worker user (an "other" user) could open, judged from the permission bits. */
class ReadableByWorkerUsersTest {
    @TempDir
    Path temp;

    @Test
    void a_file_is_readable_by_others_only_with_o_r_on_it_and_o_x_on_every_folder_above_it() throws IOException {
        // GIVEN a file as umask 022 leaves it, in a folder others may enter, inside the test's folder
        Path folder = Files.createDirectories(temp.resolve("kit/grader/target"));
        Path jar = Files.writeString(folder.resolve("alloclab.jar"), "not really a jar");
        for (Path p = folder; p.startsWith(temp); p = p.getParent()) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Files.setPosixFilePermissions(jar, PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(ReadableByWorkerUsers.readableByOthers(jar)).isTrue();
        assertThat(ReadableByWorkerUsers.enterableByOthers(folder)).isTrue();
        // WHEN the kit's top folder no longer lets others in
        Files.setPosixFilePermissions(temp.resolve("kit"), PosixFilePermissions.fromString("rwx------"));
        // THEN nothing below it is readable by them, whatever its own bits say
        assertThat(ReadableByWorkerUsers.readableByOthers(jar)).isFalse();
        assertThat(ReadableByWorkerUsers.enterableByOthers(folder)).isFalse();
        // AND a file without o+r in an open folder is not readable either
        Files.setPosixFilePermissions(temp.resolve("kit"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(jar, PosixFilePermissions.fromString("rw-------"));
        assertThat(ReadableByWorkerUsers.readableByOthers(jar)).isFalse();
        assertThat(ReadableByWorkerUsers.readableByOthers(temp.resolve("kit/missing"))).isFalse();
    }

    @Test
    void the_warning_names_the_folder_to_close_for_the_kit_and_for_a_class() throws IOException {
        assertThat(ReadableByWorkerUsers.kitFolder(Path.of("/home/me/alloclab/grader/target/alloclab.jar")))
                .isEqualTo(Path.of("/home/me/alloclab"));
        // GIVEN a class folder others may enter
        Path classFolder = Files.createDirectories(temp.resolve("class"));
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(classFolder, PosixFilePermissions.fromString("rwxr-xr-x"));
        // THEN a class run is warned about it, with the chmod that closes it
        assertThat(ReadableByWorkerUsers.warnings(classFolder))
                .anySatisfy(w -> assertThat(w).contains("can enter " + classFolder.toAbsolutePath(), "classmate's files",
                        "chmod o-rwx " + classFolder.toAbsolutePath()));
        // AND once closed, that warning is gone
        Files.setPosixFilePermissions(classFolder, PosixFilePermissions.fromString("rwx------"));
        assertThat(ReadableByWorkerUsers.warnings(classFolder)).noneSatisfy(w -> assertThat(w).contains("classmate"));
    }
}
