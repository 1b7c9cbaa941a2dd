package dev.alloclab.grader;

import java.util.List;
import java.util.Locale;

/**
 * Text the student controls (failure messages, test names, file and folder names), made safe to show in every
 * report: a terminal, JSON, XML, HTML, a CSV cell. A message holding {@code ESC [2K} could erase the lines above it
 * on the instructor's terminal and print a fake score; an unpaired surrogate made every report fail to encode
 * ("Input length = 1"); U+FFFF made the JUnit XML unparseable; a file name with a newline forged a line of the report.
 *
 * <p>So every control character (C0, DEL, C1) and every bidirectional override is shown as its escape, {@code \u001B};
 * unpaired surrogates and noncharacters become U+FFFD. Text that needs none of this is returned as it is.
 */
public final class StudentText {
    private static final char REPLACEMENT = '\uFFFD';

    private StudentText() {
    }

    /** One line: newlines and carriage returns are shown as escapes too, so a name stays on its line. */
    public static String line(String text) {
        return clean(text, false);
    }

    /** Several lines: CR LF and a lone CR become LF; newlines and tabs are kept. */
    public static String lines(String text) {
        return clean(text, true);
    }

    /** {@link #line} of each element. */
    public static List<String> eachLine(List<String> texts) {
        return texts == null ? null : texts.stream().map(StudentText::line).toList();
    }

    /** {@link #lines} of each element. */
    public static List<String> eachLines(List<String> texts) {
        return texts == null ? null : texts.stream().map(StudentText::lines).toList();
    }

    private static String clean(String text, boolean keepLines) {
        if (text == null || isClean(text, keepLines)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                int codePoint = Character.toCodePoint(c, text.charAt(i + 1));
                if (isNonCharacter(codePoint)) {
                    out.append(REPLACEMENT);
                } else {
                    out.append(c).append(text.charAt(i + 1));
                }
                i++;
            } else if (Character.isSurrogate(c) || isNonCharacter(c)) {
                out.append(REPLACEMENT);
            } else if (keepLines && c == '\r') {
                out.append('\n');
                if (i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
            } else if (needsEscape(c, keepLines)) {
                out.append(String.format(Locale.ROOT, "\\u%04X", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean isClean(String text, boolean keepLines) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                if (isNonCharacter(Character.toCodePoint(c, text.charAt(i + 1)))) {
                    return false;
                }
                i++;
            } else if (c < 0x20 || c >= 0x7f && c <= 0x9f || c >= 0x2000 && c <= 0x206f || c >= 0xd800) {
                // a rare character: look closer (keeps the common ASCII message free of work)
                if (Character.isSurrogate(c) || isNonCharacter(c) || c == '\r' && keepLines || needsEscape(c, keepLines)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean needsEscape(char c, boolean keepLines) {
        if (c == '\t' || keepLines && c == '\n') {
            return false;
        }
        return c < 0x20 || c >= 0x7f && c <= 0x9f
                || c >= 0x202a && c <= 0x202e || c >= 0x2066 && c <= 0x2069 || c == 0x200e || c == 0x200f;
    }

    private static boolean isNonCharacter(int codePoint) {
        return codePoint >= 0xfdd0 && codePoint <= 0xfdef || (codePoint & 0xfffe) == 0xfffe;
    }
}
