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
 */
public final class HintState {
    private static final Pattern ENTRY = Pattern.compile("\"([a-z0-9-]+)\"\\s*:\\s*(\\d+)");

    private final Path file;
    private final Map<String, Integer> shown = new TreeMap<>();

    private HintState(Path file) {
        this.file = file;
    }

    /** Reads the state of {@code project} (empty if there is none yet). */
    public static HintState of(LearnerProject project) {
        HintState state = new HintState(project.stateDir().resolve("hints.json"));
        if (Files.isRegularFile(state.file)) {
            try {
                Matcher m = ENTRY.matcher(Files.readString(state.file, StandardCharsets.UTF_8));
                while (m.find()) {
                    state.shown.put(m.group(1), Integer.parseInt(m.group(2)));
                }
            } catch (IOException | NumberFormatException unreadable) {
                state.shown.clear();
            }
        }
        return state;
    }

    public Path file() {
        return file;
    }

    public int shown(String exerciseId) {
        return shown.getOrDefault(exerciseId, 0);
    }

    /**
     * Records that {@code count} hints of the exercise have been shown, and saves the file.
     *
     * @throws UncheckedIOException when the file cannot be written (a read-only copy of the work), with
     *     the reason in its message
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
        try {
            Files.createDirectories(file.getParent());
            Path temp = Files.createTempFile(file.getParent(), "hints", ".tmp");
            Files.writeString(temp, json, StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the hint state in '" + file + "': " + IoReason.of(e, file), e);
        }
    }
}
