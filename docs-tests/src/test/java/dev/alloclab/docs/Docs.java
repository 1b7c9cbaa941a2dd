package dev.alloclab.docs;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the docs live: {@code docs/} at the repository root, passed in by the build. */
final class Docs {
    private Docs() {
    }

    static Path dir() {
        String configured = System.getProperty("alloclab.docs");
        Path dir = configured != null ? Path.of(configured) : Path.of("..", "docs");
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("cannot find the docs folder at " + dir.toAbsolutePath()
                    + "; run the docs tests through Maven from the repository root (mvn verify)");
        }
        return dir.normalize();
    }
}
