package dev.alloclab.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A class folder for grade-all tests that replace the grading step: one folder per student, each holding one bump
 * source whose text names the student (so each submission has a hash of its own).
 */
final class TinyClassFolder {
    private TinyClassFolder() {
    }

    /** Writes {@code temp/class/<student>/...} for each student; returns {@code temp/class}. */
    static Path write(Path temp, String... students) throws IOException {
        Path classDir = Files.createDirectories(temp.resolve("class"));
        for (String student : students) {
            Path source = classDir.resolve(student).resolve("src/main/java/dev/alloclab/exercises/bump/Bump.java");
            Files.createDirectories(source.getParent());
            Files.writeString(source, "package dev.alloclab.exercises.bump; class Bump { /* " + student + " */ }\n");
        }
        return classDir;
    }
}
