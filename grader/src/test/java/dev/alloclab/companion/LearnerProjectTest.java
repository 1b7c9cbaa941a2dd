package dev.alloclab.companion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alloclab.core.KitException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.alloclab.testing.KitRoot;

class LearnerProjectTest {
    @Test
    void the_kits_root_and_its_exercises_folder_both_find_the_exercises_module() {
        Path root = KitRoot.path();
        assertThat(LearnerProject.locate(root)).isEqualTo(new LearnerProject(root, root.resolve("exercises")));
        assertThat(LearnerProject.locate(root.resolve("exercises")))
                .isEqualTo(new LearnerProject(root, root.resolve("exercises")));
        assertThat(LearnerProject.locate(root).isKitReactor()).isTrue();
    }

    @Test
    void a_starter_is_its_own_root(@TempDir Path starter) throws IOException {
        Files.createDirectories(starter.resolve("src/main/java/dev/alloclab/exercises"));
        Files.createDirectories(starter.resolve("docs/exercises"));
        Files.writeString(starter.resolve("pom.xml"), "<project/>");
        LearnerProject project = LearnerProject.locate(starter);
        assertThat(project.root()).isEqualTo(starter.toAbsolutePath().normalize());
        assertThat(project.exercises()).isEqualTo(project.root());
        assertThat(project.isKitReactor()).isFalse();
        assertThat(project.stateDir()).isEqualTo(project.root().resolve(".alloclab"));
    }

    @Test
    void another_folder_is_refused_with_what_was_looked_for(@TempDir Path empty) {
        assertThatThrownBy(() -> LearnerProject.locate(empty)).isInstanceOf(KitException.class)
                .hasMessageContaining("src/main/java/dev/alloclab/exercises").hasMessageContaining("--project DIR");
        assertThatThrownBy(() -> LearnerProject.locate(empty.resolve("nope"))).isInstanceOf(KitException.class)
                .hasMessageContaining("does not exist");
    }

    @Test
    void a_file_is_said_to_be_a_file(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("run.sh"), "echo hi\n");
        assertThatThrownBy(() -> LearnerProject.locate(file)).isInstanceOf(KitException.class)
                .hasMessageContaining("'" + file + "' is a file, not a folder").hasMessageNotContaining("does not exist");
    }
}
