package dev.alloclab.companion;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The starter's own copies of its files, to tell a file the student changed from one still exactly as the starter
 * ships it. The grader gives no coverage points for a {@code ...StudentTest} that is still the starter's example,
 * and its review trusts the starter's test support; {@code alloclab coverage} applies the same rule before the
 * student submits.
 *
 * <p>The copies are resources under {@value #RESOURCES}: the whole starter in the kit's jar (export-starter writes
 * it out), and its test and main sources in a student's companion jar.
 */
public final class StarterCopies {
    /** Where the starter's files are, as resources. */
    public static final String RESOURCES = "dev/alloclab/export/starter";

    private StarterCopies() {
    }

    /** The starter's copy of {@code relativePath} (e.g. {@code src/test/java/.../BumpAllocatorStudentTest.java}). */
    public static Optional<byte[]> starterFile(String relativePath) {
        try (InputStream in = StarterCopies.class.getClassLoader().getResourceAsStream(RESOURCES + "/" + relativePath)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * True when {@code content} is the starter's copy of {@code relativePath}. Line endings and a byte-order mark do
     * not count: a checkout on Windows turns the starter's lines into CRLF, and a Windows editor may save the file
     * with a BOM, without anybody changing a word (with a BOM counted, the kit's own test support was reviewed as
     * the student's and withheld every exercise's coverage points).
     */
    public static boolean isUnchanged(String relativePath, byte[] content) {
        if (starterFile(relativePath).map(starter -> asWritten(starter).equals(asWritten(content))).orElse(false)) {
            return true;
        }
        // a starter exported by an earlier kit carries an earlier version of the test support: still the kit's (a
        // course that updates the kit mid-term must not see every student's support reviewed as their own code)
        return EARLIER_VERSIONS.contains(sha256(asWritten(content)) + " " + relativePath);
    }

    /** Where every version of the test support a starter was exported with is listed ({@code hash path} lines). */
    static final String VERSIONS = "dev/alloclab/companion/starter-file-versions.txt";

    private static final java.util.Set<String> EARLIER_VERSIONS = readVersions();

    private static java.util.Set<String> readVersions() {
        try (InputStream in = StarterCopies.class.getClassLoader().getResourceAsStream(VERSIONS)) {
            if (in == null) {
                return java.util.Set.of();
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#")).map(String::strip)
                    .collect(java.util.stream.Collectors.toUnmodifiableSet());
        } catch (IOException e) {
            return java.util.Set.of();
        }
    }

    /** The SHA-256 of {@code text}'s UTF-8 bytes, in lower-case hex: how {@value #VERSIONS} names a version. */
    static String sha256(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** The text without carriage returns and without a leading byte-order mark. */
    static String asWritten(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8).replace("\r", "");
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }
}
