package dev.alloclab.grader.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The grading JVM's working folder: what of the submission's src/ it holds, and what it never does. */
class ProjectCopyTest {
    @TempDir
    Path temp;

    @Test
    void the_copy_holds_the_src_tree_but_no_symbolic_link_and_nothing_past_the_budget() throws IOException {
        // GIVEN a project with a test resource, a link out of the submission, a file past the byte budget, and a pom
        Path project = Files.createDirectories(temp.resolve("student"));
        Files.createDirectories(project.resolve("src/test/resources"));
        Files.writeString(project.resolve("src/test/resources/cases.txt"), "24 24\n");
        Files.writeString(project.resolve("pom.xml"), "<project/>");
        Path secret = Files.writeString(temp.resolve("classmate.txt"), "not yours");
        Files.createSymbolicLink(project.resolve("src/test/resources/stolen.txt"), secret);
        Files.write(project.resolve("src/test/resources/zz-huge.bin"), new byte[(int) ProjectCopy.MAX_BYTES + 1]);
        // WHEN the grading folder gets its copy
        Path folder = ProjectCopy.into(Files.createDirectories(temp.resolve("work")), project);
        // THEN it is the working folder inside the grading folder, with src/ as the student has it
        assertThat(folder).isEqualTo(temp.resolve("work").resolve(ProjectCopy.FOLDER).toAbsolutePath());
        assertThat(folder.resolve("src/test/resources/cases.txt")).hasContent("24 24");
        // AND without the link, the file over the budget, or anything outside src/
        assertThat(folder.resolve("src/test/resources/stolen.txt")).doesNotExist();
        assertThat(folder.resolve("src/test/resources/zz-huge.bin")).doesNotExist();
        assertThat(folder.resolve("pom.xml")).doesNotExist();
    }
}
