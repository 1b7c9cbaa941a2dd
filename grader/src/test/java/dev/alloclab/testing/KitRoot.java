package dev.alloclab.testing;

import java.nio.file.Path;

/**
 * The kit's repository root, for tests that read its exercises, solutions, hidden suites or docs. Surefire sets
 * {@code alloclab.root} (grader/pom.xml); without it (a test run from an IDE in the module folder) it is the
 * module's parent. One place, so that a test never grades or copies some other folder by accident.
 */
public final class KitRoot {
    private KitRoot() {
    }

    /** The root, absolute and normalised. */
    public static Path path() {
        return Path.of(System.getProperty("alloclab.root", "..")).toAbsolutePath().normalize();
    }

    /** {@code relative} under the root, absolute and normalised. */
    public static Path resolve(String relative) {
        return path().resolve(relative).normalize();
    }
}
