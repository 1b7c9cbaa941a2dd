package dev.alloclab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayPicturesTest {

    @Test
    void html_writes_one_self_contained_page_with_a_step_per_operation_and_the_mistake(@TempDir Path dir)
            throws IOException {
        Path page = dir.resolve("uaf.html");
        CommandLineRun run = CommandLineRun.of("replay", "teaching/use-after-free", "--allocator", "first-fit",
                "--check", "--html", page.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.CHECK_FAILED);
        assertThat(run.out()).contains("step-through page: " + page);
        String html = Files.readString(page);
        assertThat(html).startsWith("<!DOCTYPE html>")
                .contains("use-after-free: READ of 4 bytes")
                .doesNotContain("src=\"http", "href=\"http", "@import");
    }

    @Test
    void svg_pictures_are_one_file_per_step_and_the_count_is_capped(@TempDir Path dir) throws IOException {
        Path pictures = dir.resolve("pictures");
        CommandLineRun run = CommandLineRun.of("replay", "teaching/leak", "--allocator", "first-fit",
                "--picture", "svg", "--out", pictures.toString(), "--max-steps", "3");
        assertThat(run.out()).contains("pictures: 3 SVG files in " + pictures);
        try (Stream<Path> files = Files.list(pictures)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted())
                    .containsExactly("step-0001.svg", "step-0002.svg", "step-0003.svg");
        }
        assertThat(Files.readString(pictures.resolve("step-0001.svg"))).startsWith("<svg").contains("step 1: line");
    }

    @Test
    void out_without_svg_pictures_is_refused_rather_than_ignored(@TempDir Path dir) {
        CommandLineRun run = CommandLineRun.of("replay", "teaching/leak", "--allocator", "first-fit",
                "--out", dir.resolve("pictures").toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("--out DIR is the folder --picture svg writes its pictures to", "add --picture svg");
    }

    @Test
    void an_html_page_that_names_a_folder_or_cannot_be_written_says_why(@TempDir Path dir) throws IOException {
        // GIVEN --html naming a folder, and --html below a file
        CommandLineRun folder = CommandLineRun.of("replay", "teaching/leak", "--allocator", "first-fit",
                "--html", dir.toString());
        Path file = Files.writeString(dir.resolve("notes"), "x");
        CommandLineRun belowAFile = CommandLineRun.of("replay", "teaching/leak", "--allocator", "first-fit",
                "--html", file.resolve("leak.html").toString());
        // THEN each is bad input with the reason, not only the path
        assertThat(folder.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(folder.err()).contains("'" + dir + "': it is a folder. Pass a file name, for example "
                + dir.resolve("steps.html"));
        assertThat(belowAFile.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(belowAFile.err()).contains("could not write the step-through page to " + file.resolve("leak.html")
                + ": '" + file + "' is a file, not a folder.");
    }

    @Test
    void svg_pictures_need_a_folder_and_say_so() {
        CommandLineRun run = CommandLineRun.of("replay", "teaching/leak", "--allocator", "first-fit",
                "--picture", "svg");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("add --out DIR");
        CommandLineRun zero = CommandLineRun.of("replay", "teaching/leak", "--allocator", "first-fit",
                "--html", "x.html", "--max-steps", "0");
        assertThat(zero.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(zero.err()).contains("--max-steps must be at least 1");
    }
}
