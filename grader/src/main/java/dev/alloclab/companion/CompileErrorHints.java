package dev.alloclab.companion;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sentence to read before javac's list when the list comes from something javac does not explain: a file that
 * starts with a byte-order mark ({@code illegal character: '\ufeff'}), a file that is not UTF-8 text at all (UTF-16,
 * a damaged copy: {@code '\u0000'}), or Java newer than 17, where javac's own advice ({@code --enable-preview},
 * {@code -source 21}) is a fix neither the starter's build nor the grader applies. {@code check}, {@code progress}
 * and the grade say the same.
 */
public final class CompileErrorHints {
    /** javac's words for code newer than the release it compiles for (JDK 17's and newer javacs'). */
    public static final Pattern NEWER_JAVA = Pattern.compile(
            "is a preview feature|--enable-preview|not supported in -source|use -source \\d+ or higher");
    /** The sentence for {@link #NEWER_JAVA}. */
    public static final String NEWER_JAVA_SENTENCE = "this is Java newer than 17 (a preview feature, or syntax -source 17 "
            + "does not have): the course compiles for Java 17 and the grader does not read pom.xml, so a newer release "
            + "or --enable-preview there changes nothing in the grade. Write it in Java 17 (if and instanceof instead "
            + "of patterns in a switch).";
    /** {@code src/main/java/.../File.java:1: illegal character: '\ufeff'}: the file and what javac could not read. */
    private static final Pattern ILLEGAL = Pattern.compile("^(?:.*/)?([^/:]+\\.java):\\d+: illegal character: '\\\\u(feff|0000)'");

    private CompileErrorHints() {
    }

    /** The sentences for {@code errors} (javac's lines), one per file and cause; empty when javac's list says it all. */
    public static List<String> of(List<String> errors) {
        Set<String> hints = new LinkedHashSet<>();
        for (String error : errors) {
            Matcher m = ILLEGAL.matcher(error);
            if (m.find()) {
                hints.add(m.group(2).equals("feff")
                        ? m.group(1) + " starts with a byte-order mark (what editors call \"UTF-8 with BOM\"), which javac "
                                + "does not accept, under mvn test either. Save the file as UTF-8 without BOM."
                        : m.group(1) + " is not UTF-8 text: it is saved as UTF-16 (what Windows Notepad calls "
                                + "\"Unicode\") or was damaged on the way. Save it as UTF-8, or copy it again.");
            } else if (NEWER_JAVA.matcher(error).find()) {
                hints.add(NEWER_JAVA_SENTENCE);
            }
        }
        return new ArrayList<>(hints);
    }
}
