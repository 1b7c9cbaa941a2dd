package dev.alloclab.companion;

import dev.alloclab.core.picture.SvgText;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The picture of {@code alloclab coverage EXERCISE --html FILE}: one self-contained HTML page with the text report
 * on top and, for each main source file, its source with every line coloured by what the student's tests did to
 * it: run (green), never run (red), branches partly taken (yellow, with "1 of 2 branches" beside it), or no code
 * (plain). A learner scanning for the red finds the untested paths faster than in a list of line numbers.
 */
public final class CoverageHtml {
    private CoverageHtml() {
    }

    /** The page for {@code report}. */
    public static String page(CoverageReport report) {
        CoverageResult result = report.result();
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(SvgText.escape(result.exercise().id())).append(": coverage by your own tests</title>\n<style>\n")
                .append("body { font-family: sans-serif; margin: 1.5em; }\n")
                .append("pre.report { background: #f6f6f6; padding: .8em; }\n")
                .append("table.source { border-collapse: collapse; font-family: monospace; font-size: 13px; }\n")
                .append("table.source td { padding: 0 .6em; white-space: pre; }\n")
                .append("td.number { color: #888; text-align: right; }\n")
                .append("tr.run td.code { background: #d8f5d8; }\n")
                .append("tr.not-run td.code { background: #f8d0d0; }\n")
                .append("tr.partly td.code { background: #faf0b8; }\n")
                .append("td.note { color: #7a5a00; }\n")
                .append(".key span { padding: 0 .5em; margin-right: .5em; }\n")
                .append("</style>\n</head>\n<body>\n<h1>").append(SvgText.escape(result.exercise().id()))
                .append(": coverage by your own tests</h1>\n<pre class=\"report\">");
        for (String line : report.lines()) {
            html.append(SvgText.escape(line)).append('\n');
        }
        html.append("</pre>\n");
        if (!result.files().isEmpty()) {
            html.append("<p class=\"key\"><span style=\"background:#d8f5d8\">run</span>")
                    .append("<span style=\"background:#f8d0d0\">never run</span>")
                    .append("<span style=\"background:#faf0b8\">branches partly taken</span>")
                    .append("<span>no code</span></p>\n");
        }
        for (CoveredFile f : result.files()) {
            html.append("<h2>").append(SvgText.escape(f.path())).append("</h2>\n<table class=\"source\">\n");
            Map<Integer, LineNote> partly = new HashMap<>();
            f.partlyTaken().forEach(n -> partly.put(n.number(), n));
            List<String> source = f.source();
            for (int number = 1; number <= source.size(); number++) {
                CoveredFile.LineStatus status = f.status(number);
                html.append("<tr class=\"").append(cssClass(status)).append("\"><td class=\"number\">").append(number)
                        .append("</td><td class=\"code\">").append(SvgText.escape(source.get(number - 1)))
                        .append("</td><td class=\"note\">");
                LineNote note = partly.get(number);
                if (note != null) {
                    html.append(note.branchesTaken()).append(" of ").append(note.branches()).append(" branches");
                }
                html.append("</td></tr>\n");
            }
            html.append("</table>\n");
        }
        return html.append("</body>\n</html>\n").toString();
    }

    private static String cssClass(CoveredFile.LineStatus status) {
        return switch (status) {
            case RUN -> "run";
            case NOT_RUN -> "not-run";
            case PARTLY -> "partly";
            case NO_CODE -> "no-code";
        };
    }
}
