package dev.alloclab.docs;

import java.util.List;

/** A line-by-line comparison of what a page shows and what its snippet printed, for failure messages. */
final class OutputDiff {
    private OutputDiff() {
    }

    /** Trailing spaces and trailing blank lines do not count: Markdown editors drop them. */
    static String normalize(String text) {
        return text.replace("\r\n", "\n").lines().map(String::stripTrailing)
                .reduce((a, b) -> a + "\n" + b).orElse("").stripTrailing();
    }

    /**
     * Both texts, line by line: {@code  } where they agree, {@code -} for the page's line and
     * {@code +} for the printed one where they differ.
     */
    static String render(String page, String printed) {
        List<String> expected = normalize(page).lines().toList();
        List<String> actual = normalize(printed).lines().toList();
        StringBuilder out = new StringBuilder("  (- the page shows, + the snippet printed)\n");
        for (int i = 0; i < Math.max(expected.size(), actual.size()); i++) {
            String e = i < expected.size() ? expected.get(i) : null;
            String a = i < actual.size() ? actual.get(i) : null;
            if (e != null && e.equals(a)) {
                out.append("    ").append(e).append('\n');
            } else {
                if (e != null) {
                    out.append("  - ").append(e).append('\n');
                }
                if (a != null) {
                    out.append("  + ").append(a).append('\n');
                }
            }
        }
        return out.toString();
    }
}
