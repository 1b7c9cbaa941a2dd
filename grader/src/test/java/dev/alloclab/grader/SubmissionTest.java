package dev.alloclab.grader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubmissionTest {
    @TempDir
    Path temp;

    @Test
    void a_missing_folder_is_one_sentence() {
        assertThatThrownBy(() -> Submission.open(temp.resolve("ada")))
                .isInstanceOf(GradingException.class)
                .hasMessageContaining("does not exist");
    }

    @Test
    void an_empty_folder_says_what_layout_is_expected() {
        assertThatThrownBy(() -> Submission.open(temp)).hasMessageContaining("holds no Java sources");
    }

    @Test
    void links_and_non_java_files_are_skipped_with_a_note_and_the_hash_follows_the_content() throws Exception {
        Path bump = Files.createDirectories(temp.resolve("src/main/java/dev/alloclab/exercises/bump"));
        Files.writeString(bump.resolve("BumpAllocator.java"), "package dev.alloclab.exercises.bump; class BumpAllocator {}");
        Files.writeString(bump.resolve("notes.bin"), "x");
        Files.createSymbolicLink(bump.resolve("Stolen.java"), Path.of("/etc/hostname"));
        Submission s = Submission.open(temp);
        assertThat(s.mainSources(dev.alloclab.core.course.Curriculum.named("bump"))).hasSize(1);
        assertThat(s.notes()).anyMatch(n -> n.contains("Stolen.java") && n.contains("symbolic link"))
                .anyMatch(n -> n.contains("notes.bin"));
        String before = s.contentHash();
        Files.writeString(bump.resolve("BumpAllocator.java"), "package dev.alloclab.exercises.bump; class BumpAllocator { }");
        assertThat(Submission.open(temp).contentHash()).isNotEqualTo(before);
    }
}
