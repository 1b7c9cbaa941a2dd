package dev.alloclab.core.trace;

import dev.alloclab.core.Checks;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a trace's author wrote after {@code #}: the comment lines before the first operation (what the trace is
 * about) and, per operation, the comment on its line or on comment lines just above it (why that line is there).
 * The parser skips comments, so a {@link Trace} has none; the step-through pages show them, because the kit's
 * teaching traces explain every step in them ({@code f 0   # dealloc too early: the vec is still used below}).
 *
 * <pre>{@code
 * TraceComments comments = TraceComments.of(Files.readString(file));
 * comments.at(11);             // Optional[dealloc too early: the vec is still used below]
 * comments.introduction();     // [use-after-free: block 0 holds five 4-byte years ..., ...]
 * }</pre>
 *
 * @param introduction the comment lines before the first operation, in order, with the header lines' own comments
 * @param byLine per trace line of an operation (1-based, as errors and captions number them), its comment
 */
public record TraceComments(List<String> introduction, Map<Integer, String> byLine) {
    /** A comment longer than this is cut: it is a caption, and a hostile trace could hold megabytes after a {@code #}. */
    static final int LONGEST = 300;
    /** No trace's introduction is longer than this many lines on a page. */
    static final int MOST_INTRODUCTION_LINES = 12;
    /** The first word of an operation's line. */
    private static final Set<String> OPERATIONS = Set.of("a", "f", "r", "w", "rd");

    /** A trace without comments. */
    public static final TraceComments NONE = new TraceComments(List.of(), Map.of());

    public TraceComments {
        introduction = List.copyOf(Checks.notNull(introduction, "introduction"));
        byLine = Map.copyOf(Checks.notNull(byLine, "byLine"));
    }

    /** The comments of a trace's text (never fails: a line it cannot make sense of has no comment). */
    public static TraceComments of(String text) {
        Checks.notNull(text, "the trace's text");
        List<String> introduction = new ArrayList<>();
        Map<Integer, String> byLine = new LinkedHashMap<>();
        List<String> above = new ArrayList<>();
        boolean operationSeen = false;
        // line ends as the parser reads them (CRLF, LF, and a classic Mac's lone CR), and no byte-order mark
        String[] lines = (text.startsWith("\uFEFF") ? text.substring(1) : text).split("\r\n|\r|\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int hash = line.indexOf('#');
            String code = (hash < 0 ? line : line.substring(0, hash)).strip();
            String comment = hash < 0 ? "" : clean(line.substring(hash + 1));
            String first = code.isEmpty() ? "" : code.split("[ \t]+", 2)[0];
            if (OPERATIONS.contains(first)) {
                operationSeen = true;
                if (!comment.isEmpty()) {
                    above.add(comment);
                }
                if (!above.isEmpty()) {
                    byLine.put(i + 1, clip(String.join(" ", above)));
                }
                above.clear();
            } else if (!comment.isEmpty()) {
                if (!operationSeen && introduction.size() < MOST_INTRODUCTION_LINES) {
                    // a comment line, or a header line's comment ("64   # the heap it suggests")
                    introduction.add(clip(comment));
                } else if (operationSeen && code.isEmpty()) {
                    above.add(comment);   // a comment line between operations speaks of the next one
                }
            }
        }
        return new TraceComments(introduction, byLine);
    }

    /** The comments of a {@code .rep} file, or {@link #NONE} if it cannot be read (the trace itself was read first). */
    public static TraceComments read(Path file) {
        try {
            return of(new String(Files.readAllBytes(Checks.notNull(file, "file")), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return NONE;
        }
    }

    /** The comments of one of the kit's bundled traces ({@code teaching/leak}), or {@link #NONE}. */
    public static TraceComments bundled(String name) {
        try (InputStream in = Trace.class.getResourceAsStream(Trace.SUITE_RESOURCE_FOLDER
                + Checks.notNull(name, "name") + ".rep")) {
            return in == null ? NONE : of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return NONE;
        }
    }

    /** The comment of the operation on trace line {@code line}, if it has one. */
    public Optional<String> at(int line) {
        return Optional.ofNullable(byLine.get(line));
    }

    /** The comment's text: control characters (a CR of a Windows line end, a tab) become spaces, runs of them one. */
    private static String clean(String raw) {
        String comment = raw.strip();
        StringBuilder out = new StringBuilder(Math.min(comment.length(), LONGEST + 1));
        for (int i = 0; i < comment.length() && out.length() <= LONGEST; i++) {
            char c = comment.charAt(i);
            out.append(Character.isISOControl(c) ? ' ' : c);
        }
        return withoutBrokenPair(out).toString().replaceAll(" {2,}", " ").strip();
    }

    /** Cut to {@link #LONGEST} characters with "...", never between the two halves of a character such as an emoji. */
    private static String clip(String comment) {
        if (comment.length() <= LONGEST) {
            return comment;
        }
        return withoutBrokenPair(new StringBuilder(comment.substring(0, LONGEST - 3))).toString().stripTrailing() + "...";
    }

    /**
     * {@code text} without a last character that is the first half of a surrogate pair (a cut made it): a page with
     * half an emoji cannot be written in UTF-8 at all.
     */
    private static StringBuilder withoutBrokenPair(StringBuilder text) {
        if (text.length() > 0 && Character.isHighSurrogate(text.charAt(text.length() - 1))) {
            text.setLength(text.length() - 1);
        }
        return text;
    }
}
