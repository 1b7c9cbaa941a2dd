package dev.alloclab.companion;

import dev.alloclab.core.IoReason;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * How many hints of each exercise the learner has seen, kept in {@code .alloclab/hints.json}
 * (one object, exercise id to count, e.g. {@code {"bump": 2}}). The folder is git-ignored: the
 * state belongs to this copy of the work, not to the submission. A missing or unreadable file
 * counts as "no hint seen yet".
 *
 * <p>A project the learner cannot write to (the kit installed read-only for a lab, a starter on a read-only share)
 * keeps its count in a spare file in the learner's home instead, {@code ~/.alloclab/hint-state/HASH.json}, one per
 * project folder: without it {@code hint --next} could never get past the first hint there. The spare is read when it
 * exists and deleted as soon as the project's own file can be written again, so the two never disagree.
 */
public final class HintState {
    private static final Pattern ENTRY = Pattern.compile("\"([a-z0-9-]+)\"\\s*:\\s*(\\d+)");

    /** The system property that moves the spare files' folder (tests; a lab whose home folders are read-only). */
    static final String SPARE_FOLDER_PROPERTY = "alloclab.stateHome";

    private final Path file;
    private final Path spare;
    private final Map<String, Integer> shown = new TreeMap<>();
    /** Set when the last save went to a spare file that did not exist before it. */
    private Path newSpare;

    private HintState(Path file, Path spare) {
        this.file = file;
        this.spare = spare;
    }

    /** Reads the state of {@code project} (empty if there is none yet). */
    public static HintState of(LearnerProject project) {
        String moved = System.getProperty(SPARE_FOLDER_PROPERTY);
        return of(project, moved != null ? Path.of(moved)
                : homeFolder(System.getenv("HOME"), System.getProperty("user.home")).resolve(".alloclab"));
    }

    /**
     * The learner's home folder, as {@code ~} reads it: {@code $HOME} when it names a folder by its absolute path,
     * else Java's {@code user.home}. Java takes {@code user.home} from the password database, not from {@code $HOME}: a
     * container run as a user id with no entry there gets {@code ?}, which would make a folder named {@code ?} in the
     * current folder, and a service account's entry may name a folder that does not exist. Neither is taken: the
     * spare is then under the temp folder, which is better than a count lost at every run.
     */
    static Path homeFolder(String homeVariable, String userHome) {
        for (String candidate : new String[] {homeVariable, userHome}) {
            if (candidate != null && !candidate.isBlank()) {
                Path home = Path.of(candidate);
                if (home.isAbsolute() && Files.isDirectory(home)) {
                    return home;
                }
            }
        }
        return Path.of(System.getProperty("java.io.tmpdir"), "alloclab-" + System.getProperty("user.name", "learner"));
    }

    /** Reads the state of {@code project}, with spare files under {@code spareFolder}. */
    static HintState of(LearnerProject project, Path spareFolder) {
        HintState state = new HintState(project.stateDir().resolve("hints.json"),
                spareFolder.resolve("hint-state").resolve(folderKey(project.root()) + ".json"));
        state.read(Files.isRegularFile(state.spare) ? state.spare : state.file);
        return state;
    }

    /** A name for the project's folder: its absolute path, hashed (16 hex digits). */
    private static String folderKey(Path root) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(root.toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest, 0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    private void read(Path from) {
        if (Files.isRegularFile(from)) {
            try {
                Matcher m = ENTRY.matcher(Files.readString(from, StandardCharsets.UTF_8));
                while (m.find()) {
                    shown.put(m.group(1), Integer.parseInt(m.group(2)));
                }
            } catch (IOException | NumberFormatException unreadable) {
                shown.clear();
            }
        }
    }

    /**
     * The spare file the last {@link #setShown} had to create because the project's own file could not be written;
     * empty when it saved in the project, or in a spare that was already there (so it is said once).
     */
    public java.util.Optional<String> savedElsewhere() {
        return java.util.Optional.ofNullable(newSpare).map(Path::toString);
    }

    public Path file() {
        return file;
    }

    public int shown(String exerciseId) {
        return shown.getOrDefault(exerciseId, 0);
    }

    /**
     * Records that {@code count} hints of the exercise have been shown, and saves the file: the project's, else
     * the spare in the learner's home ({@link #savedElsewhere}).
     *
     * @throws UncheckedIOException when neither can be written, with the project file's reason in its message
     */
    public void setShown(String exerciseId, int count) {
        if (count <= 0) {
            shown.remove(exerciseId);
        } else {
            shown.put(exerciseId, count);
        }
        save();
    }

    private void save() {
        String json = shown.entrySet().stream().map(e -> "  \"" + e.getKey() + "\": " + e.getValue())
                .collect(Collectors.joining(",\n", "{\n", "\n}\n"));
        newSpare = null;
        try {
            write(file, json);
        } catch (IOException e) {
            String reason = "cannot save the hint state in '" + file + "': " + IoReason.of(e, file);
            boolean spareExisted = Files.isRegularFile(spare);
            try {
                write(spare, json);
            } catch (IOException | RuntimeException alsoNot) {
                throw new UncheckedIOException(reason + ", nor in '" + spare + "'" + (alsoNot instanceof IOException io
                        ? ": " + IoReason.of(io, spare) : ""), e);
            }
            newSpare = spareExisted ? null : spare;
            return;
        }
        try {
            Files.deleteIfExists(spare); // the project's file holds the count again
        } catch (IOException ignored) {
            // it would be read first next time, with this count or an older one: at worst a hint is shown as new again
        }
    }

    private static void write(Path target, String json) throws IOException {
        Files.createDirectories(target.getParent());
        Path temp = Files.createTempFile(target.getParent(), "hints", ".tmp");
        try {
            Files.writeString(temp, json, StandardCharsets.UTF_8);
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
