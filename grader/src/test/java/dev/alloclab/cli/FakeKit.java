package dev.alloclab.cli;

import dev.alloclab.testing.KitRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A folder holding a copy of the launcher {@code alloclab} and, when it is "built", the build's files as empty
 * stand-ins: the launcher tests run the real script there with a fake {@code java} (no build, no JVM).
 */
final class FakeKit {
    private FakeKit() {
    }

    /** A kit at {@code kit} holding the launcher; {@code built}: its build is current (else it needs one). */
    static Path at(Path kit, boolean built) throws IOException {
        Files.createDirectories(kit);
        Files.copy(KitRoot.resolve("alloclab"), kit.resolve("alloclab"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        if (built) {
            Path target = Files.createDirectories(kit.resolve("grader/target"));
            for (String file : new String[] {"alloclab.jar", "alloclab-worker.jar", "alloclab.built"}) {
                Files.writeString(target.resolve(file), "");
            }
        }
        return kit;
    }

    /** An executable {@code bin/java} that runs {@code body} as a shell script; returns {@code bin}. */
    static Path java(Path bin, String body) throws IOException {
        Files.createDirectories(bin);
        Path java = Files.writeString(bin.resolve("java"), "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return bin;
    }
}
