package dev.alloclab.companion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which methods of a student's test file read as tests that lost their {@code @Test}. */
class UnannotatedTestsTest {

    @Test
    void a_void_method_without_annotation_that_nothing_calls_is_named_with_its_line() {
        String source = """
                package p;

                import org.junit.jupiter.api.Test;

                class HeapStudentTest {
                    @Test
                    void annotated_runs() {
                        helper();
                    }

                    void forgotten_one() {
                        int x = 1;
                    }

                    public void forgotten_two() {
                    }

                    void helper() {
                    }

                    void referenced() {
                    }

                    Runnable r = this::referenced;

                    private void privateHelper() {
                    }

                    static void staticHelper() {
                    }

                    void takesArguments(int n) {
                    }

                    int returnsSomething() {
                        return 1;
                    }

                    @Deprecated
                    void annotatedOtherwise() {
                    }

                    class Nested {
                        void nested_forgotten() {
                        }
                    }
                }
                """;
        assertThat(UnannotatedTests.inSource("HeapStudentTest.java", source)).containsExactly(
                "HeapStudentTest.forgotten_one() (line 11)",
                "HeapStudentTest.forgotten_two() (line 15)",
                "HeapStudentTest.Nested.nested_forgotten() (line 44)");
    }

    @Test
    void interfaces_records_and_enums_are_not_test_classes_here() {
        String source = """
                interface Shared { default void check() { } }
                record Pair(int a) { void show() { } }
                enum Kind { A; void describe() { } }
                """;
        assertThat(UnannotatedTests.inSource("Shared.java", source)).isEmpty();
    }

    @Test
    void a_file_that_does_not_parse_or_cannot_be_read_gives_nothing(@TempDir Path dir) throws Exception {
        assertThatCode(() -> UnannotatedTests.inSource("Broken.java", "class Broken { void a( { }")).doesNotThrowAnyException();
        Path notUtf8 = dir.resolve("LatinStudentTest.java");
        Files.write(notUtf8, new byte[] {'c', 'l', 'a', 's', 's', ' ', (byte) 0xE9, '{', '}'});
        assertThat(UnannotatedTests.in(notUtf8)).isEmpty();
        assertThat(UnannotatedTests.in(dir.resolve("missing.java"))).isEmpty();
    }
}
