package dev.alloclab.companion;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alloclab.core.course.Curriculum;
import dev.alloclab.core.course.Exercise;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which files one exercise's check compiles: its own and the shared ones, never another exercise's. */
class ExerciseSourcesTest {
    private static final String MAIN = "src/main/java/dev/alloclab/exercises/";
    private static final String TEST = "src/test/java/dev/alloclab/exercises/";

    @Test
    void an_exercise_gets_its_own_code_its_visible_tests_and_the_shared_code_but_not_its_student_test(
            @TempDir Path dir) throws IOException {
        // GIVEN a starter-shaped project with two exercises, the test support and a shared helper
        Path project = files(dir, MAIN + "bump/BumpAllocator.java", MAIN + "bump/util/Rounding.java",
                MAIN + "vec/IntVec.java", "src/main/java/my/Shared.java",
                TEST + "bump/BumpAllocatorTest.java", TEST + "bump/BumpAllocatorStudentTest.java",
                TEST + "vec/IntVecTest.java", TEST + "support/NotStartedExtension.java",
                TEST + "bump/notes.txt");
        // WHEN the sources of bump are chosen
        ExerciseSources sources = ExerciseSources.of(LearnerProject.locate(project), exercise("bump"));
        // THEN bump's main code (sub-packages too) and visible test, the shared code and support; nothing of vec,
        // not the StudentTest, no non-Java file
        assertThat(names(project, sources.main())).containsExactly(MAIN + "bump/BumpAllocator.java",
                MAIN + "bump/util/Rounding.java");
        assertThat(names(project, sources.sharedMain())).containsExactly("src/main/java/my/Shared.java");
        assertThat(names(project, sources.visibleTests())).containsExactly(TEST + "bump/BumpAllocatorTest.java");
        assertThat(names(project, sources.sharedTests())).containsExactly(TEST + "support/NotStartedExtension.java");
    }

    @Test
    void a_folder_named_like_no_exercise_is_shared(@TempDir Path dir) throws IOException {
        // GIVEN a package under dev.alloclab.exercises that is no exercise of the curriculum
        Path project = files(dir, MAIN + "bump/BumpAllocator.java", MAIN + "common/Helper.java");
        // WHEN vec's sources are chosen THEN the helper is shared, bump is not vec's
        ExerciseSources sources = ExerciseSources.of(LearnerProject.locate(project), exercise("vec"));
        assertThat(names(project, sources.sharedMain())).containsExactly(MAIN + "common/Helper.java");
        assertThat(sources.main()).isEmpty();
        assertThat(sources.visibleTests()).isEmpty();
    }

    private static Exercise exercise(String id) {
        return Curriculum.named(id);
    }

    private static Path files(Path dir, String... paths) throws IOException {
        Files.writeString(dir.resolve("pom.xml"), "<project/>");
        for (String path : paths) {
            Path file = dir.resolve(path);
            Files.createDirectories(file.getParent());
            Files.writeString(file, "// " + path);
        }
        return dir;
    }

    private static List<String> names(Path project, List<Path> files) {
        Path base = LearnerProject.locate(project).exercises();
        return files.stream().map(f -> base.relativize(f).toString().replace('\\', '/')).toList();
    }
}
