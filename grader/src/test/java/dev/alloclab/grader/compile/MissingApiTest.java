package dev.alloclab.grader.compile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import javax.tools.StandardJavaFileManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A hidden suite that does not compile against the student's classes is reported as what those classes lack.
 * The messages come from javac itself: a "student" class in the exercise's package and a "hidden" caller in
 * another package are compiled together, and the caller's error goes through {@link MissingApi}.
 */
class MissingApiTest {
    @TempDir
    Path temp;

    /** The starter's API as the caller expects it; each case changes one thing in the student's class. */
    private static final String CALLER = """
            package dev.alloclab.hidden.stackframes;
            import dev.alloclab.exercises.stackframes.FrameStack;
            class FrameStackHiddenTest {
                void pushes_and_pops() {
                    FrameStack stack = new FrameStack(64);
                    int frames = stack.frameCount();
                    long top = stack.push(17);
                    int size = FrameStack.frameBytesFor(5);
                }
            }
            """;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "a renamed method   | public int frames() { return 0; }                              | method frameCount() of FrameStack is missing (the grader's tests call it)",
        "a parameter added  | public int frameCount() { return 0; } public long push(int n, int align) { return 0; } | method push of FrameStack takes (int,int), but the grader's tests call it with (int)",
        "a changed parameter type | public int frameCount() { return 0; } public long push(String s) { return 0; } | the grader's tests get int where they need String",
        "a narrower return type | public int frameCount() { return 0; } public long push(int n) { return 0; } public static long frameBytesFor(int n) { return 0; } | the grader's tests get long where they need int",
        "a private method  | private int frameCount() { return 0; }                          | frameCount() of FrameStack is private (the grader's tests call it)",
        "a static made an instance method | public int frameCount() { return 0; } public long push(int n) { return 0; } public int frameBytesFor(int n) { return 0; } | method frameBytesFor(int) is not static, but the grader's tests use it on the class",
    })
    void a_hidden_suite_that_does_not_compile_names_what_the_class_lacks_and_nothing_of_the_suite(String change,
            String members, String expected) {
        // GIVEN a student's FrameStack with one change against the starter's API
        String student = "package dev.alloclab.exercises.stackframes;\npublic class FrameStack {\n"
                + "    public FrameStack(int bytes) { }\n"
                + (members.contains("push(") ? "" : "    public long push(int n) { return 0; }\n")
                + (members.contains("frameBytesFor(") ? "" : "    public static int frameBytesFor(int n) { return 0; }\n")
                + "    " + members + "\n}\n";
        // WHEN the hidden caller is compiled against it and its first error is translated
        List<JavaCompilation.Error> errors = compile(student);
        assertThat(errors).as("javac's errors for %s", change).isNotEmpty();
        String sentence = MissingApi.sentence(errors.get(0).message());
        // THEN the sentence names what the class lacks, without the suite's file, line, locals or package names
        assertThat(sentence).as("from javac's %s", errors.get(0).message()).contains(expected)
                .doesNotContain("HiddenFeedbackTest", "FrameStackHiddenTest", "variable stack", "variable frames",
                        "dev.alloclab", ".java");
    }

    @Test
    void an_error_with_no_sentence_of_its_own_keeps_javacs_words_without_the_suites_locals() {
        // GIVEN a javac message the translator has no sentence for, naming a local variable of the suite
        String message = "something new; location: variable stack of type dev.alloclab.exercises.stackframes.FrameStack";
        // WHEN it is translated
        String sentence = MissingApi.sentence(message);
        // THEN javac's words stay, the local's name and the package go
        assertThat(sentence).isEqualTo("something new; location: FrameStack");
    }

    private List<JavaCompilation.Error> compile(String student) {
        try (StandardJavaFileManager files = JavaCompilation.fileManager()) {
            return JavaCompilation.compile(files, List.of(
                    JavaCompilation.Source.text("student/FrameStack.java", student),
                    JavaCompilation.Source.text("hidden suite stack-frames/FrameStackHiddenTest.java", CALLER)),
                    List.of(), temp.resolve("out-" + System.nanoTime()));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
