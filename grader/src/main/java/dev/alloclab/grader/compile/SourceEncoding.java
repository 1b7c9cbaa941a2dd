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
        Bad bad = firstBad(bytes);
        if (bad == null) {
            return Optional.empty();
        }
        String name = displayName.substring(displayName.lastIndexOf('/') + 1);
        String named = bad.bytes().stream().limit(BYTES_NAMED)
                .map(b -> String.format(Locale.ROOT, "0x%02X", b)).collect(Collectors.joining(", "))
                + (bad.bytes().size() > BYTES_NAMED ? ", ..." : "");
        return Optional.of(name + " is not saved as UTF-8: its byte" + (bad.bytes().size() == 1 ? " " : "s ") + named
                + " (first at line " + bad.line() + ") were read as '\\uFFFD', as javac reads them under mvn test"
                + " (it only warns); an accented letter in a comment costs nothing, in a string it is not the letter you"
                + " typed. Save the file as UTF-8 in your editor.");
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
