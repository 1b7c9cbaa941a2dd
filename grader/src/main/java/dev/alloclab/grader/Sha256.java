package dev.alloclab.grader;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256, the one hash the kit uses wherever it must tell "the same bytes" from "changed": a
 * submission's content (grade-all skips what it has graded), stored results (a rewritten result is
 * graded again), the worker's class path copy (a copy changed by student code is not reused), the
 * grader's jar, the exported core artifact's checksum files, and the C replayer's build folder.
 *
 * <p>One place, because every JDK has the algorithm but the API still declares
 * {@link NoSuchAlgorithmException}, and each copy of that ceremony was a chance to hash differently.
 */
public final class Sha256 {
    private Sha256() {
    }

    /** A fresh digest to feed with {@link #text} and {@link #file}. */
    public static MessageDigest start() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** The digest of {@code bytes}. */
    public static byte[] of(byte[] bytes) {
        return start().digest(bytes);
    }

    /** The digest of {@code bytes} in lower-case hex (64 characters). */
    public static String hexOf(byte[] bytes) {
        return hex(of(bytes));
    }

    /** {@code digest} in lower-case hex. */
    public static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }

    /** Adds {@code text} as UTF-8. */
    public static void text(MessageDigest digest, String text) {
        digest.update(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Adds the bytes of {@code file}, read as a stream (a jar of many megabytes is never held whole). */
    public static void file(MessageDigest digest, Path file, LinkOption... options) throws IOException {
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file, options)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
    }
}
