package dev.alloclab.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alloclab.core.course.Curriculum;
import dev.alloclab.core.course.Exercise;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Each exercise page ends with what a learner needs to start and to stop: the file to edit (in the starter's
 * and the kit's form), a command that runs only its tests, what "done" looks like, and links on.
 */
class ExercisePagesTest {
    private static final Pattern CLASS = Pattern.compile("Class: `dev\\.alloclab\\.exercises\\.(\\w+)\\.(\\w+)");
    private static final Pattern ONLY_ITS_TESTS = Pattern.compile("mvn test -Dtest='(\\w+)\\*'");

    @Test
    void every_page_says_which_file_to_edit_how_to_run_its_tests_when_it_is_done_and_what_comes_next()
            throws IOException {
        List<Exercise> exercises = Curriculum.exercises();
        Path exercisesModule = Docs.dir().resolveSibling("exercises");
        for (int i = 0; i < exercises.size(); i++) {
            Exercise exercise = exercises.get(i);
            String page = Files.readString(Docs.dir().resolve("exercises").resolve(exercise.id() + ".md"));
            // GIVEN the class the page's goal names
            Matcher named = CLASS.matcher(page);
            assertThat(named.find()).as(exercise.id() + " names its class").isTrue();
            assertThat(named.group(1)).isEqualTo(exercise.packageName());
            String file = "src/main/java/dev/alloclab/exercises/" + named.group(1) + "/" + named.group(2) + ".java";
            // THEN the page gives its file in both forms, and the kit's form exists
            assertThat(page).as(exercise.id()).contains("**Run its tests.**", "`" + file + "`", "`exercises/" + file + "`",
                    "**Done when**", "`next: " + (i + 1 < exercises.size() ? exercises.get(i + 1).id() : "nothing left") + "`");
            assertThat(exercisesModule.resolve(file)).as(exercise.id() + "'s stub").exists();
            // AND its test filter picks the exercise's visible tests
            Matcher filter = ONLY_ITS_TESTS.matcher(page);
            assertThat(filter.find()).as(exercise.id() + " shows a -Dtest filter").isTrue();
            Path tests = exercisesModule.resolve("src/test/java/dev/alloclab/exercises/" + exercise.packageName());
            try (Stream<Path> files = Files.list(tests)) {
                List<String> picked = files.map(p -> p.getFileName().toString())
                        .filter(name -> name.startsWith(filter.group(1)) && name.endsWith("Test.java")
                                && !name.endsWith("StudentTest.java"))
                        .toList();
                assertThat(picked).as(exercise.id() + ": visible tests matched by " + filter.group(1) + "*").isNotEmpty();
            }
            // AND the last line links back to the exercises and on to the next page
            String next = i + 1 < exercises.size() ? "(" + exercises.get(i + 1).id() + ".md)" : "(../where-next.md)";
            String last = page.strip().lines().reduce((a, b) -> b).orElse("");
            assertThat(last).as(exercise.id() + "'s last line").startsWith("[The exercises](README.md) · previous: ")
                    .contains("· next: ").endsWith(next);
        }
    }
}
