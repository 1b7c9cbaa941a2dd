package dev.alloclab.grader.compile;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How the grader reads a source that is not valid UTF-8: as javac under {@code mvn test} reads it.
 *
 * <p>The starter's pom compiles with {@code -encoding UTF-8}; a file saved as Latin-1 or Windows-1252 (what editors
 * on a Western code page save) makes javac warn "unmappable character (0xFC) for encoding UTF-8", decode each bad
 * byte sequence as U+FFFD, and compile on. The build stays green, {@code ./alloclab check} passes, and a grader that
 * refused the file scored 0 for code that works everywhere else. So the grader compiles the same text, and says in
 * the exercise's feedback which bytes became U+FFFD: in a comment that changes nothing, in a string literal it
 * changes the string (as it does under {@code mvn test}), and the student should save the file as UTF-8 either way.
 *
 * <p>INTERNAL.
 */
public final class SourceEncoding {
    /** Distinct bad bytes named in the note at most. */
    private static final int BYTES_NAMED = 6;

    private SourceEncoding() {
    }

    /** {@code bytes} decoded as UTF-8, each malformed sequence as one U+FFFD: what javac compiles. */
    static String lenient(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** True when {@code bytes} are valid UTF-8. */
    static boolean isUtf8(byte[] bytes) {
        return firstBad(bytes) == null;
    }

    /**
     * The feedback line for a source that is not valid UTF-8, or empty when it is:
     * {@code BumpAllocator.java is not saved as UTF-8: its bytes 0xFC, 0xF6 (first at line 12) were read as '\uFFFD'
     * ...}.
     *
     * @param displayName the file as reports name it ({@code src/main/java/.../BumpAllocator.java}); the note uses
     *                    its last part
     */
    public static Optional<String> note(String displayName, byte[] bytes) {
        String name = displayName.substring(displayName.lastIndexOf('/') + 1);
        if (bytes.length == 0) {
            return Optional.of(name + " is empty (0 bytes): its content was lost on the way (an upload or a copy that "
                    + "did not finish, a cloud folder's placeholder). Open it in your editor, and save or upload it again.");
        }
        if (isUtf16(bytes)) {
            return Optional.of(name + " is saved as UTF-16 (what Windows Notepad calls \"Unicode\"), not UTF-8: javac "
                    + "reads every other byte as a NUL character and cannot compile it, under mvn test too. Save the file "
                    + "as UTF-8 in your editor.");
        }
        if (isNotText(bytes)) {
            return Optional.of(name + " holds " + bytes.length + " bytes that are not text (NUL bytes): the file was "
                    + "damaged or not copied whole (an interrupted download, a cloud folder's placeholder). Open it in "
                    + "your editor, and save or upload it again.");
        }
        Bad bad = firstBad(bytes);
        if (bad == null) {
            return Optional.empty();
        }
        String named = bad.bytes().stream().limit(BYTES_NAMED)
                .map(b -> String.format(Locale.ROOT, "0x%02X", b)).collect(Collectors.joining(", "))
                + (bad.bytes().size() > BYTES_NAMED ? ", ..." : "");
        return Optional.of(name + " is not saved as UTF-8: its byte" + (bad.bytes().size() == 1 ? " " : "s ") + named
                + " (first at line " + bad.line() + ") were read as '\\uFFFD', as javac reads them under mvn test"
                + " (it only warns); an accented letter in a comment costs nothing, in a string it is not the letter you"
                + " typed. Save the file as UTF-8 in your editor.");
    }

    /**
     * True for a source that is no UTF-8 text at all: empty, saved as UTF-16 (a byte-order mark {@code FF FE} or
     * {@code FE FF}, or a NUL in every other byte) or holding NUL bytes (no source file has one; a damaged copy is
     * full of them). javac fails on it with a flood of "illegal character: '\u0000'", and its package line cannot be
     * read.
     */
    public static boolean isNotText(byte[] bytes) {
        if (bytes.length == 0 || isUtf16(bytes)) {
            return true;
        }
        for (byte b : bytes) {
            if (b == 0) {
                return true;
            }
        }
        return false;
    }

    private static boolean isUtf16(byte[] bytes) {
        if (bytes.length >= 2 && ((bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE
                || (bytes[0] & 0xFF) == 0xFE && (bytes[1] & 0xFF) == 0xFF)) {
            return true;
        }
        // without a mark: ASCII text in UTF-16 has a NUL in every other byte
        int pairs = Math.min(bytes.length / 2, 512);
        int nulHalves = 0;
        for (int i = 0; i < pairs; i++) {
            if (bytes[2 * i] == 0 ^ bytes[2 * i + 1] == 0) {
                nulHalves++;
            }
        }
        return pairs >= 8 && nulHalves > pairs * 9 / 10;
    }

    /** The distinct malformed bytes of a source, and the line of the first. */
    private record Bad(Set<Integer> bytes, long line) {
    }

    private static Bad firstBad(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(Math.max(16, bytes.length));
        Set<Integer> bad = new LinkedHashSet<>();
        long line = 0;
        while (true) {
            CoderResult result = decoder.decode(in, out, true);
            if (result.isUnderflow()) {
                result = decoder.flush(out);
            }
            if (!result.isError()) {
                break;
            }
            if (bad.isEmpty()) {
                line = 1 + countNewlines(bytes, in.position());
            }
            for (int i = 0; i < result.length(); i++) {
                bad.add(bytes[in.position() + i] & 0xFF);
            }
            in.position(in.position() + result.length());
            decoder.reset();
        }
        return bad.isEmpty() ? null : new Bad(bad, line);
    }

    private static long countNewlines(byte[] bytes, int end) {
        long n = 0;
        for (int i = 0; i < end; i++) {
            if (bytes[i] == '\n') {
                n++;
            }
        }
        return n;
    }
}
