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
                // the trace's own comments: what it is about under the title, and why each line is there by its step
                .contains("<p class=\"about\">use-after-free: block 0 holds five 4-byte years")
                .contains("<p class=\"comment\"># dealloc too early: the vec is still used below</p>")
                .contains("<rect class=\"range\"")
                .doesNotContain("src=\"http", "href=\"http", "@import");
    }

    @Test
    void an_overflow_in_a_heap_of_hundreds_of_kilobytes_is_zoomed_in_on(@TempDir Path dir) throws IOException {
        // GIVEN a 12-byte block between blocks of 400,000 and 300,000 bytes, written 4 bytes past its end
        Path trace = Files.writeString(dir.resolve("big.rep"),
                "1000000\n3\n6\n1\na 0 400000\na 1 12\na 2 300000\nw 1 0 12\nw 1 8 8\nf 1\n");
        Path pictures = dir.resolve("pictures");
        CommandLineRun run = CommandLineRun.of("replay", trace.toString(), "--allocator", "segregated", "--check",
                "--picture", "svg", "--out", pictures.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.CHECK_FAILED);
        // THEN the overflow's step (line 9, the fifth) draws the 12-byte block a second time, zoomed in, with the
        // bracket over the 8 bytes written; the steps where every block is wide enough draw no zoom
        String overflow = Files.readString(pictures.resolve("step-0005.svg"));
        assertThat(overflow).contains("line 9", "zoomed in: bytes", "class=\"zoom-highlight\"", "<rect class=\"range\"");
        assertThat(Files.readString(pictures.resolve("step-0001.svg"))).doesNotContain("zoom");
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
        // AND an alloc's caption says what it got, so a reader can tell which block a trace id is
        assertThat(Files.readString(pictures.resolve("step-0001.svg"))).containsPattern("a 0 \\d+ -&gt; \\d+ \\(block #1\\)");
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

    @Test
    void a_leaking_program_gets_a_last_step_that_shows_the_leak(@TempDir Path dir) throws IOException {
        // GIVEN the leak teaching trace, whose only mistake is a block never freed, drawn as a page
        Path page = dir.resolve("leak.html");
        CommandLineRun run = CommandLineRun.of("replay", "teaching/leak", "--allocator", "first-fit", "--check",
                "--html", page.toString());
        // THEN after its operations comes the end of the program, marked as a mistake, with the leak report
        String html = Files.readString(page);
        java.util.List<String> sections = java.util.Arrays.asList(html.split("<section "));
        String last = sections.get(sections.size() - 1);
        assertThat(last).startsWith("class=\"step bad\"").contains("end of the program: 1 block(s), 64 bytes, never freed")
                .contains("were never freed").contains("class=\"highlight\"");
        assertThat(run.out()).contains((sections.size() - 1) + " steps");
    }

    @Test
    void a_run_that_breaks_a_rule_ends_its_page_at_that_step_with_the_validators_report(@TempDir Path dir)
            throws IOException {
        // GIVEN a trace whose second alloc cannot fit a 4 KiB heap, then one more operation
        Path trace = Files.writeString(dir.resolve("full.rep"), "0\n2\n3\n1\na 0 3000\na 1 3000\nf 0\n");
        Path page = dir.resolve("full.html");
        CommandLineRun run = CommandLineRun.of("replay", trace.toString(), "--allocator", "first-fit", "--heap-max",
                "4KiB", "--html", page.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.CHECK_FAILED);
        // THEN the page has two steps, the second marked with the out-of-memory report, and says why it ends there
        String html = Files.readString(page);
        assertThat(html.split("<section ")).hasSize(3);
        assertThat(html).contains("<section class=\"step bad\" id=\"step-2\"").contains("out of memory at op 2")
                .contains("<p class=\"note\">The allocator broke a rule at step 2 (out of memory), the last step drawn");
    }

    @Test
    void every_step_of_a_page_is_drawn_at_one_scale_and_a_cut_page_says_what_it_leaves_out(@TempDir Path dir)
            throws IOException {
        // GIVEN the use-after-free trace, whose heap grows during the run, drawn whole and cut after 2 steps
        Path whole = dir.resolve("whole.html");
        Path cut = dir.resolve("cut.html");
        CommandLineRun.of("replay", "teaching/use-after-free", "--allocator", "first-fit", "--check", "--html",
                whole.toString());
        CommandLineRun.of("replay", "teaching/use-after-free", "--allocator", "first-fit", "--check", "--html",
                cut.toString(), "--max-steps", "2");
        // THEN the heap's size differs between steps, but every picture has the same scale bar
        String html = Files.readString(whole);
        java.util.Set<String> sizes = new java.util.HashSet<>();
        java.util.regex.Matcher size = java.util.regex.Pattern.compile("<desc>heap of (\\d+) bytes").matcher(html);
        while (size.find()) {
            sizes.add(size.group(1));
        }
        java.util.Set<String> scales = new java.util.HashSet<>();
        java.util.regex.Matcher scale = java.util.regex.Pattern.compile(">([^<>]+?) \\(heap index grows").matcher(html);
        while (scale.find()) {
            scales.add(scale.group(1));
        }
        assertThat(sizes).hasSizeGreaterThan(1);
        assertThat(scales).hasSize(1);
        // AND the cut page says it is cut and that the mistake lies past its last step
        assertThat(Files.readString(cut)).contains("<p class=\"note\">The first 2 of ")
                .contains("The program&#39;s first mistake, at step ").contains(", is past the last step drawn.");
    }

    @Test
    void a_read_before_the_heap_is_drawn_not_refused_and_marks_only_the_heap_bytes_it_reaches(@TempDir Path dir)
            throws IOException {
        // GIVEN a read 9 bytes before a block at index 8 (heap index -1), and one of 4 bytes from index -2
        Path trace = Files.writeString(dir.resolve("neg.rep"), "0\n1\n3\n1\na 0 20\nrd 0 -9 1\nf 0\n");
        Path straddling = Files.writeString(dir.resolve("straddling.rep"), "0\n1\n3\n1\na 0 20\nrd 0 -10 4\nf 0\n");
        Path page = dir.resolve("neg.html");
        CommandLineRun run = checkedOnFirstFit(trace, "--html", page.toString());
        // THEN the page is written, its second step the overflow's (it said "highlight(-1)" and stopped)
        assertThat(run.err()).doesNotContain("highlight(");
        assertThat(run.out()).contains("step-through page: " + page + ", 3 steps");
        assertThat(Files.readString(page)).contains("<section class=\"step bad\" id=\"step-2\"");
        // AND its picture points at no byte (index 0's header was never read); the straddling read marks [0, 2)
        checkedOnFirstFit(trace, "--picture", "svg", "--out", dir.resolve("neg").toString());
        checkedOnFirstFit(straddling, "--picture", "svg", "--out", dir.resolve("straddling").toString());
        assertThat(Files.readString(dir.resolve("neg/step-0002.svg"))).doesNotContain("class=\"highlight");
        assertThat(Files.readString(dir.resolve("straddling/step-0002.svg")))
                .contains("index 0 (header)", "<title>the access: 2 bytes from index 0</title>");
    }

    @Test
    void a_null_dereference_marks_no_byte_of_the_heap_and_a_trace_of_no_operations_writes_no_page(@TempDir Path dir)
            throws IOException {
        // GIVEN a program that writes through the NULL a zero-byte alloc answered, next to a block at index 8
        Path trace = Files.writeString(dir.resolve("null.rep"), "0\n2\n3\n1\na 0 64\na 1 0\nw 1 0 4\n");
        Path pictures = dir.resolve("pictures");
        CommandLineRun run = checkedOnFirstFit(trace, "--picture", "svg", "--out", pictures.toString());
        // THEN the report says NULL, and its picture points at no index (index 0 is the first block's header)
        assertThat(run.out()).as(run.err()).contains("null-dereference");
        String step = Files.readString(pictures.resolve("step-0003.svg"));
        assertThat(step).contains("<title>step 3: line 7: w 1 0 4</title>").doesNotContain("index 0 (header)").doesNotContain("zoomed in");

        // GIVEN a trace of no operations, WHEN a page is asked for, THEN a sentence says there is none, exit 0
        Path empty = Files.writeString(dir.resolve("empty.rep"), "# nothing happens\n64\n0\n0\n1\n");
        Path page = dir.resolve("empty.html");
        CommandLineRun none = checkedOnFirstFit(empty, "--html", page.toString());
        assertThat(none.exitCode()).as(none.out() + none.err()).isZero();
        assertThat(none.out()).contains("step-through page: none written to " + page + ": the trace has no operations");
        assertThat(page).doesNotExist();
    }

    /** {@code alloclab replay TRACE --allocator first-fit --check} followed by {@code more}. */
    private static CommandLineRun checkedOnFirstFit(Path trace, String... more) {
        String[] args = new String[5 + more.length];
        System.arraycopy(new String[] {"replay", trace.toString(), "--allocator", "first-fit", "--check"}, 0, args, 0, 5);
        System.arraycopy(more, 0, args, 5, more.length);
        return CommandLineRun.of(args);
    }
}
