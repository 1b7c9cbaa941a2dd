package dev.alloclab.companion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alloclab.core.KitException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectFoldersTest {

    @Test
    void a_read_only_project_says_permission_denied_and_to_work_in_a_copy_of_your_own() {
        // GIVEN the error a shared, read-only install gives (root, who runs the build, is never denied)
        Path folder = Path.of("/course/kit/exercises/target/alloclab-check");
        KitException said = ProjectFolders.cannotMake(folder, "the run", new AccessDeniedException(folder.toString()));
        // THEN the sentence names the folder and the reason, and says what to do
        assertThat(said.getMessage()).contains("'" + folder + "'", "permission denied", "read-only for you",
                "work in a copy of your own (git clone it, or ./alloclab export-starter DIR)");
    }

    @Test
    void the_compiler_s_output_folder_behind_a_file_is_a_sentence_not_an_unchecked_io_error(@TempDir Path dir)
            throws IOException {
        // GIVEN a file where the output folder's parent should be
        Path file = Files.writeString(dir.resolve("target"), "not a folder");
        Path output = file.resolve("classes");
        // WHEN the companion compiles into it THEN the learner reads why, and the way out
        assertThatThrownBy(() -> new ExerciseCompiler(new LearnerProject(dir, dir)).compileFiles(List.of(), output, List.of()))
                .isInstanceOf(KitException.class)
                .hasMessageContaining("cannot make the folder for the compiled classes")
                .hasMessageContaining("'" + file + "' is a file, not a folder")
                .hasMessageContaining("work in a copy of the project of your own");
    }
}
