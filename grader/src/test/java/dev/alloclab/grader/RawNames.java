package dev.alloclab.grader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Test files whose names are bytes no Java {@code String} can spell ({@code stu\xFF}, as a Latin-1 zip unpacks them):
 * made by bash's printf, and found again by listing their folder.
 */
public final class RawNames {
    private RawNames() {
    }

    /**
     * Makes the folder {@code printfName} ({@code "stu\\xff"}, printf's escapes) in {@code parent}, or a file holding
     * {@code text} when {@code text} is not null; returns its path as listed.
     */
    public static Path make(Path parent, String printfName, String text) throws IOException, InterruptedException {
        List<Path> before = list(parent);
        String command = text == null ? "mkdir -- \"$(printf \"$1\")\"" : "printf '%s' \"$2\" > \"$(printf \"$1\")\"";
        Process p = new ProcessBuilder("bash", "-c", command, "bash", printfName, text == null ? "" : text)
                .directory(parent.toFile()).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IOException("bash could not make " + printfName);
        }
        return list(parent).stream().filter(f -> !before.contains(f)).findFirst().orElseThrow();
    }

    private static List<Path> list(Path parent) throws IOException {
        try (Stream<Path> files = Files.list(parent)) {
            return files.toList();
        }
    }
}
