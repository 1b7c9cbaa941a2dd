package dev.alloclab.cli;

import dev.alloclab.grader.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The per-student result files of {@code grade-all} ({@code DIR/.alloclab-results/<student>.json}), and the
 * SHA-256 of each one as the grader wrote it.
 *
 * <p>Why: while a class is graded, student code runs, and unless it runs as another user
 * ({@code --worker-user}) it may rewrite a classmate's stored result, which carries the grading key that
 * makes later runs keep it. So the grader trusts a stored file only while its bytes are the ones it wrote:
 * it keeps the digests of this run in memory, and in {@value #CHECKSUMS} (in {@code sha256sum}'s format,
 * so {@code sha256sum -c} checks them too) for the next run, which reads that file once, before any student
 * code runs. A file whose bytes changed is graded again, with {@link #CHANGED_NOTE}; the gradebook is
 * built from the bytes the grader wrote, never read back from the folder.
 *
 * <p>What this does not stop: code that outlives the run (a detached process) can rewrite a result and
 * the checksum file together before the next run. Only {@code --worker-user} (or a sandbox per grading
 * JVM) keeps student code from writing this folder at all.
 */
final class StoredResults {
    /** The checksum file, next to the results. */
    static final String CHECKSUMS = "checksums.sha256";
    /** The note a student's row gets when their stored result was changed after the grader wrote it. */
    static final String CHANGED_NOTE = "its stored result was changed by someone else after the grader wrote it, so it "
            + "was graded again: student code can write the results folder unless grade-all runs with --worker-user "
            + "(see docs/instructors.md)";

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    /** How a stored result looks to this run. */
    enum State {
        /** no file */
        MISSING,
        /** the bytes the grader wrote (in this run or the last one) */
        AS_WRITTEN,
        /** a file with no checksum from the grader: from before checksums were kept, or its checksum is gone */
        UNRECORDED,
        /** a file whose bytes are not the ones the grader wrote */
        CHANGED
    }

    /** A stored result as read now: its bytes (null when missing) and what they are. */
    record Lookup(State state, byte[] bytes) {
    }

    private final Path folder;
    /** result file name -> its checksum, as the last run left them. */
    private final Map<String, String> lastRun;
    /** name -> the bytes this run wrote or kept. */
    private final Map<String, byte[]> thisRun = new TreeMap<>();

    private StoredResults(Path folder, Map<String, String> lastRun) {
        this.folder = folder;
        this.lastRun = lastRun;
    }

    /** Opens the folder and reads the last run's checksums: call it before any student code runs. */
    static StoredResults open(Path folder) {
        Map<String, String> sums = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(folder.resolve(CHECKSUMS), StandardCharsets.UTF_8)) {
                boolean escaped = line.startsWith("\\"); // sha256sum's form for a name with \ or a line break
                String entry = escaped ? line.substring(1) : line;
                int gap = entry.indexOf("  ");
                if (gap == 64 && entry.endsWith(".json")) {
                    String file = entry.substring(gap + 2);
                    sums.put(escaped ? unescape(file) : file, entry.substring(0, gap));
                }
            }
        } catch (NoSuchFileException none) {
            // a first run, or a folder from before checksums were kept: every stored result is graded again
        } catch (IOException e) {
            // unreadable: the same
        }
        return new StoredResults(folder, sums);
    }

    /** The stored result of {@code name} as it is now. */
    synchronized Lookup lookUp(String name) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file(name));
        } catch (NoSuchFileException none) {
            return new Lookup(State.MISSING, null);
        } catch (IOException e) {
            return new Lookup(State.CHANGED, null);
        }
        String expected = thisRun.containsKey(name) ? sha256(thisRun.get(name)) : lastRun.get(fileName(name));
        if (expected == null) {
            return new Lookup(State.UNRECORDED, bytes);
        }
        return new Lookup(expected.equals(sha256(bytes)) ? State.AS_WRITTEN : State.CHANGED, bytes);
    }

    /**
     * What the last run's results, as the grader wrote them, say they were graded with ({@code gradedWith}: the
     * rubric and the kit), each once; a file changed since, or unreadable, says nothing.
     */
    synchronized java.util.Set<String> gradedWithLastRun() {
        java.util.Set<String> seen = new java.util.TreeSet<>();
        for (Map.Entry<String, String> entry : lastRun.entrySet()) {
            try {
                byte[] bytes = Files.readAllBytes(folder.resolve(entry.getKey()));
                if (entry.getValue().equals(sha256(bytes))) {
                    String with = JSON.readTree(bytes).path("gradedWith").asText("");
                    if (!with.isEmpty()) {
                        seen.add(with);
                    }
                }
            } catch (IOException | RuntimeException unreadable) {
                // says nothing
            }
        }
        return seen;
    }

    /** Keeps a stored result from the last run ({@code bytes} as {@link #lookUp} read and checked them). */
    synchronized void keep(String name, byte[] bytes) {
        thisRun.put(name, bytes);
        saveChecksums();
    }

    /** Writes {@code name}'s result atomically and remembers its bytes. */
    synchronized void write(String name, String text) {
        GradeCommand.writeAtomically(folder, fileName(name), text);
        thisRun.put(name, text.getBytes(StandardCharsets.UTF_8));
        saveChecksums();
    }

    /** The bytes this run wrote or kept for {@code name}, or null. */
    synchronized byte[] asWritten(String name) {
        return thisRun.get(name);
    }

    /** Whether {@code name}'s file now holds other bytes than this run wrote or kept (or is gone). */
    synchronized boolean changedSinceWritten(String name) {
        return thisRun.containsKey(name) && lookUp(name).state() != State.AS_WRITTEN;
    }

    /**
     * After every write, so that a run killed half-way leaves the checksums of what it finished (and the last run's
     * for the results it did not reach yet).
     */
    private void saveChecksums() {
        Map<String, String> sums = new TreeMap<>(lastRun);
        thisRun.forEach((name, bytes) -> sums.put(fileName(name), sha256(bytes)));
        StringBuilder text = new StringBuilder();
        sums.forEach((file, sum) -> text.append(line(sum, file)));
        GradeCommand.writeAtomically(folder, CHECKSUMS, text.toString());
    }

    /**
     * One line of the checksum file in {@code sha256sum}'s format: a name with a backslash or a line break (a student
     * folder named {@code new\nline}) is written escaped, after a leading backslash, as {@code sha256sum} itself
     * writes and {@code sha256sum -c} reads it, so it stays on its line.
     */
    static String line(String sum, String file) {
        if (file.indexOf('\\') < 0 && file.indexOf('\n') < 0 && file.indexOf('\r') < 0) {
            return sum + "  " + file + "\n";
        }
        String escaped = file.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r");
        return "\\" + sum + "  " + escaped + "\n";
    }

    private static String unescape(String escaped) {
        StringBuilder name = new StringBuilder(escaped.length());
        for (int i = 0; i < escaped.length(); i++) {
            char c = escaped.charAt(i);
            if (c == '\\' && i + 1 < escaped.length()) {
                char next = escaped.charAt(++i);
                name.append(next == 'n' ? '\n' : next == 'r' ? '\r' : next);
            } else {
                name.append(c);
            }
        }
        return name.toString();
    }

    private Path file(String name) {
        return folder.resolve(fileName(name));
    }

    /**
     * The file {@code name}'s result is stored in: {@code name.json}, or, when this machine's locale cannot write that
     * name (a non-ASCII name under {@code LANG=C}), the name with each character outside ASCII written as its Java escape (a backslash, u and 4 hex digits).
     * Never throws: one student's name must not stop a class run.
     */
    static String fileName(String name) {
        return fileName(name, ".json");
    }

    /** The file of {@code name} with {@code ending} (its result, its marker), escaped as {@link #fileName(String)} says. */
    static String fileName(String name, String ending) {
        String plain = name + ending;
        try {
            if (Path.of(plain).toString().equals(plain)) {
                return plain;
            }
        } catch (java.nio.file.InvalidPathException e) {
            // below
        }
        StringBuilder ascii = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            ascii.append(c >= 0x20 && c < 0x7f || c == '\n' || c == '\r' || c == '\t' ? String.valueOf(c)
                    : String.format(java.util.Locale.ROOT, "\\u%04X", (int) c));
        }
        return ascii.append(ending).toString();
    }

    static String sha256(byte[] bytes) {
        return Sha256.hexOf(bytes);
    }
}
