package dev.alloclab.core.picture;

import dev.alloclab.core.Checks;
import dev.alloclab.core.IoReason;
import dev.alloclab.core.KitException;
import dev.alloclab.core.alloc.HeapRegion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Writes one self-contained HTML page that steps through a replay: per step the heap picture
 * ({@link SvgHeapPicture}), the operation, and the violation found at that step, if any. Buttons,
 * a slider and the arrow keys move between steps. Everything is inline (SVG, CSS, a few lines of
 * JavaScript), so the page opens from disk with no network, can be mailed or attached to a report.
 *
 * <p>The page also opens at a given step from its address: {@code replay.html#step=5}. A
 * {@code press=next,next} or {@code press=prev} entry in the fragment presses the buttons after
 * loading, which is how the kit's browser test steps through a page without a driver.
 *
 * <pre>{@code
 * HtmlStepThrough page = HtmlStepThrough.titled("binary.rep on first-fit");
 * page.step("a 0 20 -> 8", allocator.regions(), null);
 * page.step("f 0", allocator.regions(), "double-free: ...");
 * page.writeTo(Path.of("out.html"));
 * }</pre>
 *
 * <p>It takes plain steps, not a trace, so any replayer (the trace replay, the checked heap's
 * examples) can feed it.
 */
public final class HtmlStepThrough {
    /**
     * One step of a replay.
     *
     * @param operation what the program did, e.g. {@code alloc(20) -> 64}
     * @param regions the heap after the operation, in address order
     * @param violation the report of the mistake caught at this step, if any
     * @param highlight the heap index the step is about (the index returned or passed), if any
     * @param highlightLength how many bytes from {@code highlight} the step touched (a faulting access), or 0
     * @param comment what the trace's author wrote about this operation (its {@code #} comment), or empty
     */
    public record Step(String operation, List<HeapRegion> regions, Optional<String> violation,
                       Optional<Integer> highlight, int highlightLength, String comment) {
        public Step {
            if (operation == null || operation.isBlank()) {
                throw new IllegalArgumentException("a step needs the operation's text, e.g. \"alloc(20) -> 64\"");
            }
            if (regions == null || regions.stream().anyMatch(Objects::isNull)) {
                throw new IllegalArgumentException("step \"" + operation + "\" needs the heap's regions after it"
                        + " (an empty list for an empty heap), without null entries");
            }
            regions = List.copyOf(regions);
            violation = violation == null ? Optional.empty() : violation;
            highlight = highlight == null ? Optional.empty() : highlight;
            highlightLength = Math.max(0, highlightLength);
            comment = comment == null ? "" : comment.strip();
        }

        /** A step without a comment. */
        public Step(String operation, List<HeapRegion> regions, Optional<String> violation, Optional<Integer> highlight,
                    int highlightLength) {
            this(operation, regions, violation, highlight, highlightLength, "");
        }

        /** The same step with the trace's comment on its operation. */
        public Step commented(String text) {
            return new Step(operation, regions, violation, highlight, highlightLength, text);
        }

        /** A step about one index (or none). */
        public Step(String operation, List<HeapRegion> regions, Optional<String> violation, Optional<Integer> highlight) {
            this(operation, regions, violation, highlight, 0);
        }

        /** The step's picture, drawn at {@code scale} bytes wide, its highlight marked. */
        public SvgHeapPicture svg(int scale) {
            SvgHeapPicture picture = SvgHeapPicture.of(regions).scaleTo(scale);
            highlight.ifPresent(index -> picture.highlight(index, highlightLength));
            return picture;
        }
    }

    private final String title;
    private final List<Step> steps = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final List<String> about = new ArrayList<>();

    private HtmlStepThrough(String title) {
        this.title = title == null || title.isBlank() ? "alloclab step-through" : title;
    }

    public static HtmlStepThrough titled(String title) {
        return new HtmlStepThrough(title);
    }

    /** Adds a step; {@code violation} is the report text, or {@code null} when the step was fine. */
    public HtmlStepThrough step(String operation, List<HeapRegion> regions, String violation) {
        return add(new Step(operation, regions, Optional.ofNullable(violation), Optional.empty()));
    }

    /** Adds a prepared step. */
    public HtmlStepThrough add(Step step) {
        steps.add(step);
        return this;
    }

    public List<Step> steps() {
        return List.copyOf(steps);
    }

    /**
     * A sentence under the title about the page as a whole, e.g. that it draws only the first steps of a longer run,
     * or where the run broke a rule: what a reader stepping through must know before the first step.
     */
    public HtmlStepThrough note(String sentence) {
        if (sentence != null && !sentence.isBlank()) {
            notes.add(sentence);
        }
        return this;
    }

    /**
     * A line under the title saying what the program replayed is about, in its author's words (a teaching trace's
     * opening comments), shown before any note.
     */
    public HtmlStepThrough about(String line) {
        if (line != null && !line.isBlank()) {
            about.add(line.strip());
        }
        return this;
    }

    /** The largest heap any step shows: every picture of the page is drawn at this one scale. */
    public static int commonScale(List<Step> steps) {
        Checks.notNull(steps, "steps");
        int end = 0;
        for (Step step : steps) {
            end = Math.max(end, step.svg(0).heapEnd());
        }
        return end;
    }

    /** Writes the page to {@code file} (UTF-8), creating parent folders. A folder is refused with a sentence. */
    public Path writeTo(Path file) {
        Checks.notNull(file, "file");
        if (file.toString().isEmpty() || Files.isDirectory(file)) {
            String shown = file.toString().isEmpty() ? "." : file.toString();
            throw new KitException("could not write the step-through page to '" + shown + "': it is a folder. "
                    + "Pass a file name, for example " + file.resolve("steps.html") + ".");
        }
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, render(), StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the step-through page to " + file + ": "
                    + IoReason.of(e, file) + ". Pass a file in a folder you can write to.", e);
        }
    }

    /** The HTML document. */
    public String render() {
        if (steps.isEmpty()) {
            throw new IllegalStateException("a step-through page needs at least one step; add the replay's "
                    + "operations with step(...) before rendering");
        }
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(SvgText.escape(title)).append("</title>\n<style>\n").append(CSS)
                .append("</style>\n</head>\n<body>\n");
        html.append("<h1>").append(SvgText.escape(title)).append("</h1>\n");
        if (!about.isEmpty()) {
            html.append("<p class=\"about\">").append(SvgText.escape(String.join(" ", about))).append("</p>\n");
        }
        for (String note : notes) {
            html.append("<p class=\"note\">").append(SvgText.escape(note)).append("</p>\n");
        }
        html.append("<nav>\n<button id=\"first\" title=\"first step (Home)\">|&lt;</button>\n")
                .append("<button id=\"prev\" title=\"previous step (left arrow)\">&lt; prev</button>\n")
                .append("<input id=\"slider\" type=\"range\" min=\"1\" max=\"").append(steps.size())
                .append("\" value=\"1\" aria-label=\"step\">\n")
                .append("<button id=\"next\" title=\"next step (right arrow)\">next &gt;</button>\n")
                .append("<button id=\"last\" title=\"last step (End)\">&gt;|</button>\n")
                .append("<span id=\"counter\">step 1 of ").append(steps.size()).append("</span>\n</nav>\n");
        html.append("<p id=\"op\" class=\"op\"></p>\n");
        int scale = commonScale(steps);
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            int number = i + 1;
            SvgHeapPicture picture = step.svg(scale).title("after step " + number + ": " + step.operation());
            html.append("<section class=\"step").append(step.violation().isPresent() ? " bad" : "")
                    .append("\" id=\"step-").append(number).append("\" data-step=\"").append(number)
                    .append("\" data-op=\"").append(SvgText.escape(step.operation())).append('"')
                    .append(number == 1 ? "" : " hidden").append(">\n");
            if (!step.comment().isEmpty()) {
                html.append("<p class=\"comment\"># ").append(SvgText.escape(step.comment())).append("</p>\n");
            }
            html.append(picture.render());
            step.violation().ifPresent(report -> html.append("<pre class=\"violation\">")
                    .append(SvgText.escape(report)).append("</pre>\n"));
            html.append("</section>\n");
        }
        html.append("<script>\n").append(SCRIPT).append("</script>\n</body>\n</html>\n");
        return html.toString();
    }

    private static final String CSS = """
            body { font-family: sans-serif; margin: 1.5em; color: #263238; }
            h1 { font-size: 1.3em; overflow-wrap: anywhere; }
            .note { background: #fff8e1; border-left: 4px solid #f9a825; padding: .4em .6em; }
            nav { display: flex; flex-wrap: wrap; gap: .5em; align-items: center; margin-bottom: .5em; }
            nav button { white-space: nowrap; }
            #slider { flex: 1; min-width: 8em; max-width: 420px; }
            .op { font-family: monospace; font-size: 1.1em; overflow-wrap: anywhere; }
            .bad .violation { background: #ffebee; border-left: 4px solid #c62828; padding: .6em; }
            .violation { overflow-x: auto; }
            .op.bad { color: #c62828; font-weight: bold; }
            .about { font-style: italic; max-width: 60em; }
            .comment { font-family: monospace; color: #455a64; margin: 0 0 .3em 0; overflow-wrap: anywhere; }
            section.step { overflow-x: auto; }
            svg { max-width: 100%; min-width: 560px; height: auto; }
            """;

    private static final String SCRIPT = """
            (function () {
              const sections = Array.from(document.querySelectorAll('section.step'));
              const slider = document.getElementById('slider');
              const counter = document.getElementById('counter');
              const op = document.getElementById('op');
              let current = 1;
              function show(n) {
                current = Math.max(1, Math.min(sections.length, n));
                sections.forEach(function (s, i) { s.hidden = (i + 1 !== current); });
                const section = sections[current - 1];
                slider.value = String(current);
                counter.textContent = 'step ' + current + ' of ' + sections.length;
                op.textContent = section.dataset.op;
                op.className = section.classList.contains('bad') ? 'op bad' : 'op';
                document.body.dataset.current = String(current);
              }
              document.getElementById('first').onclick = function () { show(1); };
              document.getElementById('prev').onclick = function () { show(current - 1); };
              document.getElementById('next').onclick = function () { show(current + 1); };
              document.getElementById('last').onclick = function () { show(sections.length); };
              slider.oninput = function () { show(parseInt(slider.value, 10)); };
              document.addEventListener('keydown', function (e) {
                if (e.key === 'ArrowRight') { show(current + 1); }
                if (e.key === 'ArrowLeft') { show(current - 1); }
                if (e.key === 'Home') { show(1); }
                if (e.key === 'End') { show(sections.length); }
              });
              const params = new URLSearchParams(location.hash.slice(1));
              show(parseInt(params.get('step') || '1', 10) || 1);
              (params.get('press') || '').split(',').forEach(function (id) {
                const button = document.getElementById(id);
                if (button && button.tagName === 'BUTTON') { button.click(); }
              });
            })();
            """;
}
