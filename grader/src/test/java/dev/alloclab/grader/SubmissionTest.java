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
    void a_folder_holding_only_the_students_zip_is_told_to_unpack_it() throws java.io.IOException {
        // GIVEN a student's folder as an LMS bulk download leaves it: the upload, still zipped
        java.nio.file.Files.write(temp.resolve("submission.zip"), new byte[] {'P', 'K', 3, 4});
        // THEN the sentence names the zip and says to unpack it
        assertThatThrownBy(() -> Submission.open(temp)).isInstanceOf(GradingException.class)
                .hasMessageContaining("holds no Java sources")
                .hasMessageContaining("it holds the archive 'submission.zip', and the grader never unpacks one");
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
    void a_linked_src_folder_is_never_followed_to_a_classmates_sources() throws Exception {
        // GIVEN alice's real sources, and mallory's folders whose src (or src/main, or the tests) link into alice's
        Path aliceBump = Files.createDirectories(temp.resolve("alice/src/main/java/dev/alloclab/exercises/bump"));
        Files.writeString(aliceBump.resolve("BumpAllocator.java"), "package dev.alloclab.exercises.bump; class BumpAllocator {}");
        Files.createDirectories(temp.resolve("alice/src/test/java/dev/alloclab/exercises/bump"));
        Files.createDirectories(temp.resolve("mallory"));
        Files.createSymbolicLink(temp.resolve("mallory/src"), Path.of("../alice/src"));
        Files.createDirectories(temp.resolve("eve/src"));
        Files.createSymbolicLink(temp.resolve("eve/src/main"), temp.resolve("alice/src/main"));
        // WHEN they are opened THEN no source is read through the link, and the sentence names the link
        assertThatThrownBy(() -> Submission.open(temp.resolve("mallory"))).isInstanceOf(GradingException.class)
                .hasMessageContaining("holds no Java sources")
                .hasMessageContaining("'src' is a symbolic link, and the grader never follows links");
        assertThatThrownBy(() -> Submission.open(temp.resolve("eve"))).isInstanceOf(GradingException.class)
                .hasMessageContaining("'src/main' is a symbolic link");
        // AND a project with its own sources but linked tests keeps its sources, loses the tests, with one note
        Path bob = temp.resolve("bob");
        Path bobBump = Files.createDirectories(bob.resolve("src/main/java/dev/alloclab/exercises/bump"));
        Files.writeString(bobBump.resolve("BumpAllocator.java"), "package dev.alloclab.exercises.bump; class BumpAllocator {}");
        Files.createSymbolicLink(bob.resolve("src/test"), temp.resolve("alice/src/test"));
        Submission s = Submission.open(bob);
        assertThat(s.mainSources(dev.alloclab.core.course.Curriculum.named("bump"))).hasSize(1);
        assertThat(s.notes()).containsOnlyOnce("ignored src/test: a symbolic link (links are never followed)");
    }

    @Test
    void a_project_two_folders_down_is_found_as_the_gradescope_package_finds_it_and_a_deeper_one_is_named() throws Exception {
        // GIVEN a download folder holding an unpacked zip's folder that holds the repository
        Path olivia = temp.resolve("olivia");
        Path bump = Files.createDirectories(olivia.resolve("download/alloclab-main/src/main/java/dev/alloclab/exercises/bump"));
        Files.writeString(bump.resolve("BumpAllocator.java"), "package dev.alloclab.exercises.bump; class BumpAllocator {}");
        // WHEN it is opened THEN the project two levels down is graded, with a note naming where
        Submission s = Submission.open(olivia);
        assertThat(s.mainSources(dev.alloclab.core.course.Curriculum.named("bump"))).hasSize(1);
        assertThat(s.notes()).anyMatch(n -> n.startsWith("graded the project in the sub-folder 'download/alloclab-main'"));
        // AND a project three levels down is not graded, but the sentence says where it is
        Path deep = Files.createDirectories(temp.resolve("pat/a/b/c/src/main/java/dev/alloclab/exercises/bump"));
        Files.writeString(deep.resolve("BumpAllocator.java"), "package dev.alloclab.exercises.bump; class BumpAllocator {}");
        assertThatThrownBy(() -> Submission.open(temp.resolve("pat"))).isInstanceOf(GradingException.class)
                .hasMessageContaining("holds no Java sources")
                .hasMessageContaining("a project lies deeper, in 'a/b/c' (the grader looks 2 folders down at most): pass"
                        + " that folder, or move it up.");
    }

    @Test
    void two_wrapped_projects_are_one_sentence_naming_both() throws Exception {
        Files.createDirectories(temp.resolve("ada/first/src/main/java"));
        Files.createDirectories(temp.resolve("ada/second/src/main/java"));
        assertThatThrownBy(() -> Submission.open(temp.resolve("ada"))).isInstanceOf(GradingException.class)
                .hasMessageContaining("2 sub-folders that have one (first, second): pass the one to grade.");
        // AND a folder given as a relative path is named as it was given, as every other sentence about it names it
        Path relative = Path.of("").toAbsolutePath().relativize(temp.resolve("ada"));
        assertThatThrownBy(() -> Submission.open(relative)).isInstanceOf(GradingException.class)
                .hasMessageStartingWith("submission folder '" + relative + "' has no");
    }

    @Test
    void a_thousand_links_make_twenty_notes_and_a_count_not_a_thousand_lines() throws Exception {
        Path bump = Files.createDirectories(temp.resolve("src/main/java/dev/alloclab/exercises/bump"));
        Files.writeString(bump.resolve("BumpAllocator.java"), "package dev.alloclab.exercises.bump; class BumpAllocator {}");
        for (int i = 0; i < 1000; i++) {
            Files.createSymbolicLink(bump.resolve("Link" + i + ".java"), Path.of("/etc/hostname"));
        }
        Submission s = Submission.open(temp);
        assertThat(s.notes().stream().filter(n -> n.contains(": a symbolic link"))).hasSize(20);
        assertThat(s.notes()).contains("ignored 980 more symbolic link(s), folder(s) named *.java or special file(s)");
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

    @Test
    void macos_metadata_files_are_skipped_with_one_note_and_never_compiled() throws Exception {
        // GIVEN a submission unpacked from a Mac's tar: an AppleDouble ._X.java next to every source, and .DS_Store files
        Path bump = Files.createDirectories(temp.resolve("src/main/java/dev/alloclab/exercises/bump"));
        Files.writeString(bump.resolve("BumpAllocator.java"), "package dev.alloclab.exercises.bump; class BumpAllocator {}");
        byte[] appleDouble = {0x00, 0x05, 0x16, 0x07, 0x00, 0x02, 0x00, 0x00, 'M', 'a', 'c', ' ', 'O', 'S', ' ', 'X'};
        Files.write(bump.resolve("._BumpAllocator.java"), appleDouble);
        Files.write(bump.resolve(".DS_Store"), appleDouble);
        Path tests = Files.createDirectories(temp.resolve("src/test/java/dev/alloclab/exercises/bump"));
        Files.writeString(tests.resolve("BumpStudentTest.java"), "package dev.alloclab.exercises.bump; class BumpStudentTest {}");
        Files.write(tests.resolve("._BumpStudentTest.java"), appleDouble);
        Path resources = Files.createDirectories(temp.resolve("src/test/resources"));
        Files.writeString(resources.resolve("mine.rep"), "0\n1\n1\n1\na 0 8\n");
        Files.write(resources.resolve("._mine.rep"), appleDouble);
        // WHEN it is opened
        Submission s = Submission.open(temp);
        // THEN only the real files are read, and one note counts the metadata files and names the first
        var exercise = dev.alloclab.core.course.Curriculum.named("bump");
        assertThat(s.mainSources(exercise)).extracting(p -> p.getFileName().toString()).containsExactly("BumpAllocator.java");
        assertThat(s.testSources(exercise)).extracting(p -> p.getFileName().toString()).containsExactly("BumpStudentTest.java");
        assertThat(s.testResources()).extracting(p -> p.getFileName().toString()).containsExactly("mine.rep");
        assertThat(s.notes()).containsOnlyOnce("ignored 4 macOS metadata file(s) (._* and .DS_Store, which a Mac's Finder, "
                + "zip or tar adds next to the real files; not Java sources), the first: "
                + Path.of("src/main/java/dev/alloclab/exercises/bump/.DS_Store"));
        assertThat(s.notes()).noneMatch(n -> n.contains("not a Java source") && !n.startsWith("ignored 4 macOS"));
    }

    @Test
    void a_package_line_that_does_not_match_its_folder_is_named_in_one_note() throws Exception {
        // GIVEN OwnedBlock.java in scope/ with a typo in its package line, and BumpAllocator.java dragged into buddy/
        Path exercises = temp.resolve("src/main/java/dev/alloclab/exercises");
        Files.createDirectories(exercises.resolve("scope"));
        Files.writeString(exercises.resolve("scope/OwnedBlock.java"),
                "/* mine */\n// the block\npackage dev.alloclab.exercises.scop;\n\nclass OwnedBlock {}\n");
        Files.createDirectories(exercises.resolve("buddy"));
        Files.writeString(exercises.resolve("buddy/BumpAllocator.java"), "package dev.alloclab.exercises.bump; class BumpAllocator {}");
        Files.writeString(exercises.resolve("buddy/BuddyAllocator.java"), "package dev.alloclab.exercises.buddy; class BuddyAllocator {}");
        // WHEN it is opened
        Submission s = Submission.open(temp);
        // THEN each misplaced file (in path order) has one note naming the file, its folder, its package and the fix;
        // the file in its right folder has none
        assertThat(s.notes()).containsExactly(
                "BumpAllocator.java in buddy/ declares package dev.alloclab.exercises.bump, which belongs in bump/: an "
                        + "exercise's classes are taken from its folder and must declare its package, so move the file or fix its package line",
                "OwnedBlock.java in scope/ declares package dev.alloclab.exercises.scop, which belongs in scop/: an "
                        + "exercise's classes are taken from its folder and must declare its package, so move the file or fix its package line");
    }

    @Test
    void a_test_without_a_package_line_in_an_exercise_folder_is_named_too() throws Exception {
        // GIVEN a student test whose package line was deleted
        Files.createDirectories(temp.resolve("src/main/java/dev/alloclab/exercises/bump"));
        Files.writeString(temp.resolve("src/main/java/dev/alloclab/exercises/bump/BumpAllocator.java"),
                "package dev.alloclab.exercises.bump; class BumpAllocator {}");
        Path tests = Files.createDirectories(temp.resolve("src/test/java/dev/alloclab/exercises/bump"));
        Files.writeString(tests.resolve("BumpStudentTest.java"), "import org.junit.jupiter.api.Test;\nclass BumpStudentTest {}");
        // WHEN it is opened THEN the note says it declares no package and where such a file belongs
        assertThat(Submission.open(temp).notes()).containsExactly("BumpStudentTest.java in bump/ declares no package, "
                + "which belongs in src/test/java/: an exercise's classes are taken from its folder and must declare its "
                + "package, so move the file or fix its package line");
    }

    @Test
    void a_folder_or_a_named_pipe_called_like_a_source_is_skipped_with_a_note() throws Exception {
        // GIVEN a folder Dir.java and a named pipe Pipe.java beside a real source
        Path bump = Files.createDirectories(temp.resolve("src/main/java/dev/alloclab/exercises/bump"));
        Files.writeString(bump.resolve("BumpAllocator.java"), "package dev.alloclab.exercises.bump; class BumpAllocator {}");
        Files.createDirectories(bump.resolve("Dir.java"));
        assertThat(new ProcessBuilder("mkfifo", bump.resolve("Pipe.java").toString()).inheritIO().start().waitFor()).isZero();
        // WHEN the submission is read
        Submission s = Submission.open(temp);
        // THEN both are skipped, each with a note, as the other skips are
        assertThat(s.mainSources(dev.alloclab.core.course.Curriculum.named("bump"))).hasSize(1);
        assertThat(s.notes()).anyMatch(n -> n.contains("bump/Dir.java") && n.contains("a folder, not a file"))
                .anyMatch(n -> n.contains("bump/Pipe.java") && n.contains("not a regular file"));
    }

    @Test
    void a_source_name_that_is_not_utf8_is_read_and_named_by_its_bytes_in_one_note() throws Exception {
        // GIVEN a source named x\xFF.java, as a Latin-1 zip unpacks it
        Path bump = Files.createDirectories(temp.resolve("src/main/java/dev/alloclab/exercises/bump"));
        Path latin = RawNames.make(bump, "x\\xff.java", "package dev.alloclab.exercises.bump; class Latin {}");
        // WHEN the submission is read
        Submission s = Submission.open(temp);
        // THEN the file is one of bump's sources, by its listed path, and one note names it by its bytes
        assertThat(s.mainSources(dev.alloclab.core.course.Curriculum.named("bump"))).containsExactly(latin);
        assertThat(s.notes()).singleElement().asString()
                .contains("bump/x\\xFF.java", "not valid UTF-8", "read it all the same");
    }

    @Test
    void a_newline_in_a_file_name_stays_escaped_in_the_package_note_the_feedback_quotes() throws Exception {
        // GIVEN a file whose name holds a newline and an escape, declaring no package
        Path bump = Files.createDirectories(temp.resolve("src/main/java/dev/alloclab/exercises/bump"));
        Files.writeString(bump.resolve("BumpAllocator.java"), "package dev.alloclab.exercises.bump; class BumpAllocator {}");
        Files.writeString(bump.resolve("new\nline\u001B[31m.java"), "class Junk {}");
        // WHEN the submission is read
        String note = Submission.open(temp).packageNoteAbout("bump/").orElseThrow();
        // THEN the note (which the compile-error feedback quotes as it is) shows the name on one line
        assertThat(note).startsWith("new\\u000Aline\\u001B[31m.java in bump/ declares no package").doesNotContain("\n");
    }

    @Test
    void a_folder_name_that_lost_a_byte_on_the_command_line_gets_a_true_sentence() {
        // GIVEN the name of a folder stu\xFF as Java's command line hands it over: the odd byte turned into U+FFFD
        assertThatThrownBy(() -> Submission.open(temp.resolve("stu\uFFFD")))
                .isInstanceOf(GradingException.class)
                .hasMessageContaining("cannot be found by that name: a byte of its name is not valid UTF-8")
                .hasMessageNotContaining("does not exist");
    }
}
