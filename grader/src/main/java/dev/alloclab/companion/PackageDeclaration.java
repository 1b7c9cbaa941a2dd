package dev.alloclab.companion;

import java.util.Optional;

/**
 * The package a Java source file declares, read the way javac's parser starts a file: a byte-order mark, blank
 * space and comments are skipped, then the first token is either {@code package} (followed by the dotted name and
 * {@code ;}) or the start of the imports and types (the file declares no package).
 *
 * <p>Why the grader reads it: javac does not check that a file sits in its package's folder, so a file with a
 * typo in its package line (or one dragged into the wrong folder) compiles, and the only symptom is a hidden test
 * that "cannot find symbol". The grader's {@code Submission} compares the declaration with the folder and says which
 * file to fix, and {@code check} fails a class of an exercise saved outside its folder ({@link ExerciseCheck}).
 * A file that starts with an annotation (a {@code package-info.java} may) or whose package line is unusual is
 * "unknown", and the grader then says nothing rather than guess.
 */
public final class PackageDeclaration {
    private PackageDeclaration() {
    }

    /**
     * The declared package ({@code ""} for a file without a package line), or empty when the start of the file
     * is not plain enough to tell (an annotation, an unterminated comment, no token at all).
     */
    public static Optional<String> of(String source) {
        int at = skipBlankAndComments(source, source.startsWith("\uFEFF") ? 1 : 0);
        if (at < 0 || at >= source.length() || source.charAt(at) == '@') {
            return Optional.empty();
        }
        if (!isKeyword(source, at, "package")) {
            return Optional.of("");
        }
        StringBuilder name = new StringBuilder();
        at += "package".length();
        while (true) {
            at = skipBlankAndComments(source, at);
            if (at < 0 || at >= source.length()) {
                return Optional.empty();
            }
            char c = source.charAt(at);
            if (c == ';') {
                return name.length() == 0 ? Optional.empty() : Optional.of(name.toString());
            }
            if (c != '.' && !Character.isJavaIdentifierPart(c)) {
                return Optional.empty();
            }
            name.append(c);
            at++;
        }
    }

    private static boolean isKeyword(String source, int at, String keyword) {
        int end = at + keyword.length();
        return source.startsWith(keyword, at) && (end == source.length() || !Character.isJavaIdentifierPart(source.charAt(end)));
    }

    /** The index of the first character at or after {@code at} that is neither blank nor in a comment; -1 inside an unterminated comment. */
    private static int skipBlankAndComments(String source, int at) {
        while (at < source.length()) {
            if (Character.isWhitespace(source.charAt(at))) {
                at++;
            } else if (source.startsWith("//", at)) {
                int newline = source.indexOf('\n', at);
                at = newline < 0 ? source.length() : newline + 1;
            } else if (source.startsWith("/*", at)) {
                int close = source.indexOf("*/", at + 2);
                if (close < 0) {
                    return -1;
                }
                at = close + 2;
            } else {
                break;
            }
        }
        return at;
    }
}
