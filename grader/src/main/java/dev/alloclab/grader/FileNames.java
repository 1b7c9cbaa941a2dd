package dev.alloclab.grader;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * File and folder names from a student's upload, which need not be valid in the grading machine's charset.
 *
 * <p>Why: on Linux a name is bytes. Java turns them into a {@code String} with the locale's charset
 * ({@code sun.jnu.encoding}), and a byte that charset cannot decode becomes U+FFFD: a Latin-1 zip's {@code J\xF6rg}
 * under UTF-8, or every non-ASCII letter under {@code LANG=C} (Docker images, Gradescope). Such a {@code String} no
 * longer names the file, and two folders {@code stu\xFF} and {@code stu\xFE} get one name. So the grader keeps the
 * {@link Path} a directory listing returned for every file access, and shows a name by its bytes: UTF-8 where they
 * are UTF-8, {@code \xFF} for each byte that is not ({@link #shown}).
 */
public final class FileNames {
    private FileNames() {
    }

    /**
     * The last name of {@code path} as its bytes say, whatever the locale: UTF-8 text, with each byte that is not
     * part of valid UTF-8 written {@code \xFF}. A name whose {@code String} form names the file is returned as it is.
     */
    public static String shown(Path path) {
        Path name = path.getFileName();
        if (name == null) {
            return path.toString();
        }
        if (mapsBack(path)) {
            return name.toString();
        }
        byte[] bytes = rawBytes(path);
        return bytes == null ? name.toString() : decode(bytes);
    }

    /** {@code relative}'s names, each {@link #shown}, joined with {@code /}. */
    public static String shownRelative(Path relative) {
        StringBuilder shown = new StringBuilder();
        Path at = null;
        for (Path name : relative) {
            at = at == null ? name : at.resolve(name);
            if (shown.length() > 0) {
                shown.append('/');
            }
            shown.append(shown(at));
        }
        return shown.toString();
    }

    /** Whether the {@code String} form of {@code path}'s last name names the same file (see the class comment). */
    public static boolean mapsBack(Path path) {
        Path name = path.getFileName();
        if (name == null) {
            return true;
        }
        try {
            return path.resolveSibling(name.toString()).equals(path);
        } catch (InvalidPathException e) {
            return false;
        }
    }

    /** Whether Java reads file names here as UTF-8 (the locale's charset is UTF-8). */
    public static boolean utf8Names() {
        String charset = System.getProperty("sun.jnu.encoding", "UTF-8");
        return charset.equalsIgnoreCase("UTF-8") || charset.equalsIgnoreCase("UTF8");
    }

    /**
     * The sentence that explains a name Java cannot use under a non-UTF-8 locale, starting with {@code "; "}; empty
     * under a UTF-8 locale, where only names that are not UTF-8 themselves fail (and {@link #shown} shows them).
     */
    public static String localeHint() {
        if (utf8Names()) {
            return "";
        }
        return "; the grading machine's locale is not UTF-8 (Java reads file names as "
                + System.getProperty("sun.jnu.encoding") + "), so Java cannot use a name with non-ASCII letters: run "
                + "the grader under a UTF-8 locale (export LC_ALL=C.UTF-8, or any UTF-8 locale 'locale -a' lists)";
    }

    /** The bytes of {@code path}'s last name, from its URI (which percent-encodes the bytes themselves), or null. */
    private static byte[] rawBytes(Path path) {
        String raw;
        try {
            raw = path.toAbsolutePath().toUri().getRawPath();
        } catch (RuntimeException e) {
            return null; // not a file system that names files by bytes
        }
        if (raw == null) {
            return null;
        }
        if (raw.endsWith("/") && raw.length() > 1) {
            raw = raw.substring(0, raw.length() - 1); // a folder's URI ends with a slash
        }
        raw = raw.substring(raw.lastIndexOf('/') + 1);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%' && i + 2 < raw.length()) {
                bytes.write(Integer.parseInt(raw.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(utf8, 0, utf8.length);
            }
        }
        return bytes.toByteArray();
    }

    /** {@code bytes} as UTF-8, each byte that is not part of valid UTF-8 written {@code \xFF}. */
    static String decode(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length * 4 + 4);
        while (true) {
            CoderResult result = decoder.decode(in, out, true);
            if (result.isError()) {
                for (int i = 0; i < result.length(); i++) {
                    out.put(String.format(Locale.ROOT, "\\x%02X", in.get() & 0xFF));
                }
            } else {
                decoder.flush(out);
                break;
            }
        }
        out.flip();
        return out.toString();
    }
}
