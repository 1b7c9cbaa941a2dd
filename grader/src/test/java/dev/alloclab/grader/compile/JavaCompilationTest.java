package dev.alloclab.grader.compile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.tools.StandardJavaFileManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JavaCompilationTest {
    @TempDir
    Path temp;

    @Test
    void a_call_out_of_time_gives_up_with_one_sentence_and_a_call_in_time_compiles() throws Exception {
        // GIVEN forty small classes
        List<JavaCompilation.Source> sources = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            sources.add(JavaCompilation.Source.text("C" + i + ".java", "class C" + i + " { int f() { return " + i + "; } }"));
        }
        try (StandardJavaFileManager files = JavaCompilation.fileManager()) {
            // WHEN javac may take no time at all
            List<JavaCompilation.Error> late = JavaCompilation.compile(files, sources, List.of(), temp.resolve("late"),
                    Duration.ZERO);
            // THEN it gives up with one error that no file owns, saying why
            assertThat(late).singleElement().satisfies(e -> {
                assertThat(e.source()).isNull();
                assertThat(e.message()).startsWith("javac gave up after 0 s");
            });
            // AND with the normal limit the same sources compile cleanly
            assertThat(JavaCompilation.compile(files, sources, List.of(), temp.resolve("ok"))).isEmpty();
            assertThat(temp.resolve("ok/C39.class")).isRegularFile();
        }
    }

    @Test
    void a_source_whose_name_is_not_utf8_is_read_by_its_listed_path() throws Exception {
        // GIVEN a source named x\xFF.java (a Latin-1 zip's name), as the submission's listing returns it
        Path latin = dev.alloclab.grader.RawNames.make(java.nio.file.Files.createDirectories(temp.resolve("src")),
                "x\\xff.java", "class Latin {}");
        try (StandardJavaFileManager files = JavaCompilation.fileManager()) {
            // WHEN it is compiled
            List<JavaCompilation.Error> errors = JavaCompilation.compile(files,
                    List.of(JavaCompilation.Source.file("x\\xFF.java", latin)), List.of(), temp.resolve("out"));
            // THEN javac reads it (it used to get a File made from the name's text, which names no file: "error reading")
            assertThat(errors).isEmpty();
            assertThat(temp.resolve("out/Latin.class")).isRegularFile();
        }
    }
}
