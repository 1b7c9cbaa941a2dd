package dev.alloclab.grader.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alloclab.grader.ExerciseGrade;
import dev.alloclab.grader.GradeReport;
import dev.alloclab.grader.PartGrade;
import java.util.Locale;

/**
 * Renders a {@link GradeReport} in every format {@code alloclab grade --format} offers. Every
 * format is built from the same facts; none contains hidden test source (the grader never has
 * it in a report: only test names and failure messages come back from the grading JVM).
 */
public final class Reports {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Reports() {
    }

    /** The terminal summary. */
    public static String text(GradeReport r) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Grading %s: %s / %s points (%.1f s)%n%n",
                r.submission(), num(r.score()), num(r.maxScore()), r.seconds()));
        for (ExerciseGrade e : r.exercises()) {
            out.append(String.format(Locale.ROOT, "  %-16s %6s / %-4s %s%n", e.id(), num(e.score()), num(e.maxScore()),
                    e.status().equals(ExerciseGrade.GRADED) ? "" : "(" + e.status() + ")"));
            for (PartGrade p : e.parts()) {
                if (e.status().equals(ExerciseGrade.GRADED) || e.status().equals(ExerciseGrade.NOT_STARTED)) {
                    out.append(String.format(Locale.ROOT, "      %-12s %6s / %-4s %s%n", p.name(), num(p.score()),
                            num(p.maxScore()), p.summary()));
                    for (String d : p.details()) {
                        appendIndented(out, "          ", d);
                    }
                }
            }
            for (String f : e.feedback()) {
                appendIndented(out, "      ", f);
            }
        }
        if (!r.notes().isEmpty()) {
            out.append(System.lineSeparator()).append("Notes:").append(System.lineSeparator());
            r.notes().forEach(n -> out.append("  ").append(n).append(System.lineSeparator()));
        }
        if (!r.gradedWith().isEmpty()) {
            out.append(System.lineSeparator()).append("Graded with ").append(r.gradedWith()).append(System.lineSeparator());
        }
        return out.toString();
    }

    /**
     * Appends {@code text} with every line of it at {@code indent}, continuation lines two more: a failure
     * message of several lines (AssertJ's "expected: ... but was: ...", a heap picture) stays under its item.
     */
    private static void appendIndented(StringBuilder out, String indent, String text) {
        boolean first = true;
        for (String line : text.split("\\R", -1)) {
            out.append(first ? indent : indent + "  ").append(line).append(System.lineSeparator());
            first = false;
        }
    }

    /** {@code --format json}: the whole report. */
    public static String json(GradeReport r) {
        ObjectNode root = JSON.createObjectNode();
        root.put("submission", r.submission());
        root.put("contentHash", r.contentHash());
        root.put("score", r.score());
        root.put("maxScore", r.maxScore());
        root.put("seconds", r.seconds());
        ArrayNode exercises = root.putArray("exercises");
        for (ExerciseGrade e : r.exercises()) {
            ObjectNode ex = exercises.addObject();
            ex.put("id", e.id());
            ex.put("status", e.status());
            ex.put("score", e.score());
            ex.put("maxScore", e.maxScore());
            ArrayNode parts = ex.putArray("parts");
            for (PartGrade p : e.parts()) {
                ObjectNode part = parts.addObject();
                part.put("name", p.name());
                part.put("score", p.score());
                part.put("maxScore", p.maxScore());
                part.put("summary", p.summary());
                p.details().forEach(part.putArray("details")::add);
            }
            e.feedback().forEach(ex.putArray("feedback")::add);
        }
        r.notes().forEach(root.putArray("notes")::add);
        if (!r.gradedWith().isEmpty()) {
            root.put("gradedWith", r.gradedWith());
        }
        return write(root);
    }

    /** Gradescope's {@code results.json}: one test entry per exercise part. */
    public static String gradescope(GradeReport r) {
        ObjectNode root = JSON.createObjectNode();
        root.put("score", r.score());
        root.put("execution_time", (int) Math.ceil(r.seconds()));
        root.put("visibility", "visible");
        root.put("stdout_visibility", "hidden");
        // plain text: Gradescope's default for the top-level output renders HTML, and the notes quote students' file
        // names ("<img src=x onerror=...>.txt: not a Java source")
        root.put("output_format", "text");
        root.put("test_output_format", "text");
        root.put("test_name_format", "text");
        root.put("output", String.format(Locale.ROOT, "alloclab grade: %s / %s points", num(r.score()), num(r.maxScore()))
                + (r.notes().isEmpty() ? "" : "\n" + String.join("\n", r.notes()))
                + (r.gradedWith().isEmpty() ? "" : "\ngraded with " + r.gradedWith()));
        ArrayNode tests = root.putArray("tests");
        int number = 1;
        for (ExerciseGrade e : r.exercises()) {
            int partNumber = 1;
            // the exercise's feedback says why points were lost: it goes under the first part that lost some (a
            // coverage sentence under a full-marks hidden part read as a complaint about the hidden tests)
            PartGrade feedbackPart = e.parts().stream().filter(p -> !p.met()).findFirst()
                    .orElse(e.parts().isEmpty() ? null : e.parts().get(0));
            for (PartGrade p : e.parts()) {
                ObjectNode t = tests.addObject();
                t.put("name", e.id() + ": " + p.name());
                t.put("number", number + "." + partNumber++);
                t.put("score", p.score());
                t.put("max_score", p.maxScore());
                // said outright: Gradescope's own rule (score == max_score is a pass) shows a failing 0-point part green
                t.put("status", p.met() ? "passed" : "failed");
                t.put("visibility", "visible");
                StringBuilder output = new StringBuilder(p.summary());
                p.details().forEach(d -> output.append('\n').append(d));
                if (p == feedbackPart) {
                    e.feedback().forEach(f -> output.append('\n').append(f));
                }
                t.put("output", output.toString());
                t.putArray("tags").add(e.id());
            }
            number++;
        }
        return write(root);
    }

    /** JUnit XML in Surefire's layout: a testsuite per submission, a testcase per exercise part. */
    public static String junit(GradeReport r) {
        StringBuilder x = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        int tests = 0;
        int failures = 0;
        for (ExerciseGrade e : r.exercises()) {
            for (PartGrade p : e.parts()) {
                tests++;
                if (!p.met()) {
                    failures++;
                }
            }
        }
        x.append(String.format(Locale.ROOT, "<testsuite name=\"alloclab.%s\" tests=\"%d\" failures=\"%d\" errors=\"0\" "
                + "skipped=\"0\" time=\"%.3f\">%n", xml(r.submission()), tests, failures, r.seconds()));
        if (!r.gradedWith().isEmpty()) {
            x.append("  <properties>\n    <property name=\"gradedWith\" value=\"").append(xml(r.gradedWith()))
                    .append("\"/>\n  </properties>\n");
        }
        for (ExerciseGrade e : r.exercises()) {
            for (PartGrade p : e.parts()) {
                // the name stays the same from one grade to the next (CI test histories key on it); the points go
                // into the failure message
                x.append(String.format(Locale.ROOT, "  <testcase classname=\"alloclab.%s\" name=\"%s\" time=\"0\"",
                        xml(e.id()), xml(p.name())));
                if (!p.met()) {
                    String message = num(p.score()) + "/" + num(p.maxScore()) + " points: " + p.summary();
                    StringBuilder body = new StringBuilder(message);
                    p.details().forEach(d -> body.append('\n').append(d));
                    e.feedback().forEach(f -> body.append('\n').append(f));
                    // Surefire's schema requires a type; the exercise's status says what kind of failure it is
                    x.append(">\n    <failure message=\"").append(xml(message)).append("\" type=\"alloclab.")
                            .append(xml(e.status().replace(' ', '-'))).append("\">")
                            .append(xml(body.toString())).append("</failure>\n  </testcase>\n");
                } else {
                    // a part that kept its points still has lines for the student ("5 of your own tests failed"):
                    // every format carries the same lines, here as the test's output
                    StringBuilder out = new StringBuilder(p.summary());
                    p.details().forEach(d -> out.append('\n').append(d));
                    if (p == e.parts().get(0) && e.parts().stream().allMatch(PartGrade::met)) {
                        e.feedback().forEach(f -> out.append('\n').append(f));   // else a failure's body has it
                    }
                    x.append(">\n    <system-out>").append(xml(out.toString())).append("</system-out>\n  </testcase>\n");
                }
            }
        }
        if (!r.notes().isEmpty()) {
            x.append("  <system-out>").append(xml(String.join("\n", r.notes()))).append("</system-out>\n");
        }
        return x.append("</testsuite>\n").toString();
    }

    /** A self-contained HTML page (no network); the heap pictures of failed trace checks are in colour. */
    public static String html(GradeReport r) {
        StringBuilder h = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        // a side margin at every width; on a narrow screen the table scrolls sideways instead of losing its last column
        h.append("<title>alloclab grade: ").append(xml(r.submission())).append("</title><style>")
                .append("body{font-family:sans-serif;max-width:110em;margin:2em auto;padding:0 1em}")
                .append(".scroll{overflow-x:auto}table{border-collapse:collapse;width:100%}")
                .append("td,th{border:1px solid #ccc;padding:.3em .6em;text-align:left;vertical-align:top}")
                .append(".full{background:#e6f4e6}.partial{background:#fff6d6}.zero{background:#fbe3e3}")
                .append("pre{white-space:pre-wrap;overflow-wrap:anywhere;margin:0}") // a long test name breaks, not the table
                .append(".m-a{background:#9ecae1}.m-p{background:#fdae6b}.m-x{background:#de2d26;color:#fff}")
                .append(".m-f{background:#f0f0f0}.m-o{background:#bbb}.map{white-space:pre}</style></head><body>\n");
        h.append("<h1>").append(xml(r.submission())).append(": ").append(num(r.score())).append(" / ")
                .append(num(r.maxScore())).append(" points</h1>\n<div class=\"scroll\"><table><tr><th>exercise</th><th>points</th><th>status</th><th>parts</th><th>feedback</th></tr>\n");
        for (ExerciseGrade e : r.exercises()) {
            // green only when every part met its bar: a 0-point part whose tests fail is no full marks (PartGrade.met)
            String css = e.score() >= e.maxScore() && e.parts().stream().allMatch(PartGrade::met) ? "full"
                    : e.score() > 0 ? "partial" : "zero";
            h.append("<tr class=\"").append(css).append("\"><td>").append(xml(e.id())).append("</td><td>")
                    .append(num(e.score())).append(" / ").append(num(e.maxScore())).append("</td><td>")
                    .append(xml(e.status())).append("</td><td><pre>");
            for (PartGrade p : e.parts()) {
                h.append(xml(p.name() + " " + num(p.score()) + "/" + num(p.maxScore()) + ": " + p.summary())).append('\n');
                p.details().forEach(d -> h.append("  ").append(withHeapColours(xml(d))).append('\n'));
            }
            h.append("</pre></td><td><pre>");
            e.feedback().forEach(f -> h.append(withHeapColours(xml(f))).append('\n'));
            h.append("</pre></td></tr>\n");
        }
        h.append("</table></div>\n");
        if (!r.notes().isEmpty()) {
            h.append("<h2>Notes</h2><ul>");
            r.notes().forEach(n -> h.append("<li>").append(xml(n)).append("</li>"));
            h.append("</ul>\n");
        }
        if (!r.gradedWith().isEmpty()) {
            h.append("<p class=\"graded-with\">Graded with ").append(xml(r.gradedWith())).append("</p>\n");
        }
        return h.append("</body></html>\n").toString();
    }

    /** A heap map line of a failed trace check, {@code |aaa...###XX~|}: one character per cell, nothing else. */
    private static final java.util.regex.Pattern HEAP_MAP =
            java.util.regex.Pattern.compile("(?m)^( *)\\|([a#X.~!]+)\\|(\n *\\^[^\n]*)?$");

    /**
     * The validator's heap pictures in colour: each cell of a map line becomes a coloured block (live payloads,
     * the payload in question, where they collide, free bytes, past the heap's end), still one character wide so
     * the {@code ^index} labels under it stay in place. Everything else is left as it is (already escaped).
     */
    static String withHeapColours(String escaped) {
        java.util.regex.Matcher m = HEAP_MAP.matcher(escaped);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            StringBuilder cells = new StringBuilder(m.group(1)).append('|');
            String cellsText = m.group(2);
            for (int i = 0; i < cellsText.length(); ) {
                char c = cellsText.charAt(i);
                int end = i;
                while (end < cellsText.length() && cellsText.charAt(end) == c) {
                    end++;
                }
                String css = switch (c) {
                    case 'a' -> "m-a";
                    case '#' -> "m-p";
                    case 'X', '!' -> "m-x";
                    case '~' -> "m-o";
                    default -> "m-f";
                };
                cells.append("<span class=\"").append(css).append("\">").append(cellsText, i, end).append("</span>");
                i = end;
            }
            cells.append('|');
            if (m.group(3) != null) {
                cells.append(m.group(3)); // the ^index labels: kept on their own unwrapped line, under their cells
            }
            m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(
                    "<span class=\"map\">" + cells + "</span>"));
        }
        return m.appendTail(out).toString();
    }

    private static String write(ObjectNode root) {
        try {
            return JSON.writeValueAsString(root) + System.lineSeparator();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String num(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.format(Locale.ROOT, "%.2f", d);
    }

    static String xml(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : dev.alloclab.grader.StudentText.lines(s).toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                default -> {
                    if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') {
                        b.append('?');
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
