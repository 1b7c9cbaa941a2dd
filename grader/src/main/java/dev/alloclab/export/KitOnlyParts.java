package dev.alloclab.export;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a page of the kit's {@code docs/} into the copy a student's starter gets. Some of what instructors read
 * is an attack manual in a student's hands (how the grader defends itself and where that defence ends, which
 * planted mistakes the hidden suites miss), yet student pages link to the same page for the scoring rules. So a
 * page marks those parts, and the starter gets the page without them:
 *
 * <pre>
 *   &lt;!-- kit-only --&gt;
 *   ... left out of the starter (the lines and the two markers) ...
 *   &lt;!-- /kit-only --&gt;
 *   &lt;!-- starter-only
 *   ... shown in the starter only (the kit renders it as a comment) ...
 *   --&gt;
 * </pre>
 *
 * <p>Markers stand on lines of their own. A page without markers is copied unchanged, byte for byte. A marker
 * that is never closed, or a block inside another, is an {@link ExportException} that names the page and the
 * line, so that a course which edits the pages learns of it when it exports, not from a student.
 */
final class KitOnlyParts {
    static final String KIT_ONLY_START = "<!-- kit-only -->";
    static final String KIT_ONLY_END = "<!-- /kit-only -->";
    static final String STARTER_ONLY_START = "<!-- starter-only";
    static final String STARTER_ONLY_END = "-->";

    private KitOnlyParts() {
    }

    /** Whether {@code page} has any marker at all (a page without one is copied as it is). */
    static boolean marked(String page) {
        return page.contains(KIT_ONLY_START) || page.contains(KIT_ONLY_END) || page.contains(STARTER_ONLY_START);
    }

    /**
     * The starter's copy of {@code page}.
     *
     * @param name the page's path, for the error message ({@code docs/instructors.md})
     */
    static String starterCopy(String name, String page) {
        if (!marked(page)) {
            return page;
        }
        List<String> kept = new ArrayList<>();
        String open = null;
        int openedAt = 0;
        String[] lines = page.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String marker = line.strip();
            if (open == null) {
                if (marker.equals(KIT_ONLY_START) || marker.equals(STARTER_ONLY_START)) {
                    open = marker;
                    openedAt = i + 1;
                } else if (marker.equals(KIT_ONLY_END)) {
                    throw new ExportException(name + " line " + (i + 1) + " closes a kit-only part that was never "
                            + "opened; put " + KIT_ONLY_START + " on a line of its own where the part begins.");
                } else {
                    kept.add(line);
                }
            } else if (marker.equals(KIT_ONLY_START) || marker.equals(STARTER_ONLY_START)) {
                throw new ExportException(name + " line " + (i + 1) + " opens a part inside the part opened at line "
                        + openedAt + "; close that one first (" + closing(open) + ").");
            } else if (marker.equals(closing(open))) {
                open = null;
            } else if (open.equals(STARTER_ONLY_START)) {
                kept.add(line);
            }
        }
        if (open != null) {
            throw new ExportException(name + " line " + openedAt + " opens a " + (open.equals(KIT_ONLY_START)
                    ? "kit-only" : "starter-only") + " part that is never closed; end it with " + closing(open)
                    + " on a line of its own.");
        }
        return String.join("\n", kept);
    }

    private static String closing(String open) {
        return open.equals(KIT_ONLY_START) ? KIT_ONLY_END : STARTER_ONLY_END;
    }
}
