package dev.alloclab.core.picture;

import dev.alloclab.core.Checks;

/** Escaping for text placed inside SVG and HTML, shared by the kit's SVG and HTML renderers (and the companion's coverage page). */
public final class SvgText {
    private SvgText() {
    }

    /** {@code text} with the five XML special characters replaced by entities. */
    public static String escape(String text) {
        Checks.notNull(text, "text");
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
