package dev.alloclab.grader;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A grading folder registered with {@link TempFolders#deletedAtExit} is gone once its JVM ends, even when the code
 * that would have deleted it never got to (a {@code grade-all} stopped with Ctrl-C left each running submission's
 * compiled classes in the temp directory).
 */
class TempFoldersTest {
    /** The child JVM: makes a folder with a file in it, registers it, and exits without deleting it. */
    public static void main(String[] args) throws Exception {
        Path folder = TempFolders.deletedAtExit(Files.createDirectories(Path.of(args[0])));
        Files.writeString(folder.resolve("Student.class"), "bytes");
        Path kept = Files.createDirectories(Path.of(args[1])); // not registered: stays
        Files.writeString(kept.resolve("notes.txt"), "mine");
        System.exit(0);
    }

    @Test
    void a_registered_folder_is_deleted_when_the_jvm_exits_and_an_unregistered_one_is_not(@TempDir Path temp)
            throws Exception {
        // GIVEN a JVM that registers one folder, fills both, and exits at once
        Path registered = temp.resolve("alloclab-grade-1");
        Path other = temp.resolve("other");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessRun.Result run = ProcessRun.of(List.of(java, "-cp", System.getProperty("java.class.path"),
                TempFoldersTest.class.getName(), registered.toString(), other.toString()))
                .timeout(Duration.ofSeconds(60)).run();
        // THEN the registered folder is gone with what was in it; the other one stays
        assertThat(run.succeeded()).as(run.output()).isTrue();
        assertThat(registered).doesNotExist();
        assertThat(other.resolve("notes.txt")).hasContent("mine");
    }
}
