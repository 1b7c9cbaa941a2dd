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
    void a_project_wrapped_in_one_folder_is_found_and_named_after_the_student() throws Exception {
        // GIVEN a student's folder that holds the repository in a folder of its own, plus macOS zip debris and .git
        Path student = temp.resolve("ada");
        Path bump = Files.createDirectories(student.resolve("alloclab-starter/src/main/java/dev/alloclab/exercises/bump"));
        Files.writeString(bump.resolve("BumpAllocator.java"), "package dev.alloclab.exercises.bump; class BumpAllocator {}");
        Files.createDirectories(student.resolve("__MACOSX/alloclab-starter/src/main/java"));
        Files.createDirectories(student.resolve(".git/src/main/java"));
        // WHEN it is opened
        Submission s = Submission.open(student);
        // THEN the inner project is graded, reports still say the student's name, and a note says where it looked
        assertThat(s.mainSources(dev.alloclab.core.course.Curriculum.named("bump"))).hasSize(1);
        assertThat(s.name()).isEqualTo("ada");
        assertThat(s.root()).isEqualTo(student.resolve("alloclab-starter").toAbsolutePath().normalize());
        assertThat(s.notes()).anyMatch(n -> n.startsWith("graded the project in the sub-folder 'alloclab-starter'"));
    }

    @Test
    void two_wrapped_projects_are_one_sentence_naming_both() throws Exception {
        Files.createDirectories(temp.resolve("ada/first/src/main/java"));
        Files.createDirectories(temp.resolve("ada/second/src/main/java"));
        assertThatThrownBy(() -> Submission.open(temp.resolve("ada"))).isInstanceOf(GradingException.class)
                .hasMessageContaining("2 sub-folders that have one (first, second): pass the one to grade.");
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

    @Test
    void a_flood_of_files_is_read_up_to_the_budget_and_the_rest_is_one_note() throws Exception {
        // GIVEN one real source, then more small sources and non-Java files than any submission needs
        Path bump = Files.createDirectories(temp.resolve("src/main/java/dev/alloclab/exercises/bump"));
        Files.writeString(bump.resolve("BumpAllocator.java"), "package dev.alloclab.exercises.bump; class BumpAllocator {}");
        Path junk = Files.createDirectories(temp.resolve("src/main/java/junk"));
        for (int i = 0; i < Submission.MAX_FILES + 50; i++) {
            Files.writeString(junk.resolve(String.format("J%05d.java", i)), "package junk; class J" + i + " {}");
        }
        for (int i = 0; i < 30; i++) {
            Files.writeString(junk.resolve("data" + i + ".bin"), "x");
        }
        // WHEN it is opened
        Submission s = Submission.open(temp);
        // THEN it holds at most MAX_FILES sources, the exercise's own among them, and says how many it skipped
        assertThat(s.commonMainSources().size() + s.mainSources(dev.alloclab.core.course.Curriculum.named("bump")).size())
                .isEqualTo(Submission.MAX_FILES);
        assertThat(s.mainSources(dev.alloclab.core.course.Curriculum.named("bump"))).hasSize(1);
        assertThat(s.notes()).anyMatch(n -> n.equals("ignored 51 more file(s): a submission is read up to "
                + Submission.MAX_FILES + " files and 4 MiB in all (sources first, then tests, then test resources)"));
        assertThat(s.notes()).anyMatch(n -> n.equals("ignored 10 more file(s) that are not Java sources"));
        assertThat(s.notes().stream().filter(n -> n.endsWith("not a Java source"))).hasSize(20);
    }
}
