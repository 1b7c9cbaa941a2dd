package dev.alloclab.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kit's files that differ from its built starter: changed, or new; never the unchanged ones. */
class StarterDriftTest {
    @Test
    void changed_and_new_files_of_exercises_src_and_docs_are_named_with_their_kit_paths(@TempDir Path kit)
            throws IOException {
        // GIVEN a built starter of a stub, a test and a page, and a kit where the stub was answered, a class added
        // and the page left alone
        Map<String, byte[]> starter = Map.of(
                "src/main/java/x/Bump.java", bytes("stub"),
                "src/test/java/x/BumpTest.java", bytes("test"),
                "docs/bump.md", bytes("page"));
        write(kit.resolve("exercises/src/main/java/x/Bump.java"), "answer");
        write(kit.resolve("exercises/src/main/java/x/Helper.java"), "mine");
        write(kit.resolve("exercises/src/test/java/x/BumpTest.java"), "test");
        write(kit.resolve("docs/bump.md"), "page");
        // WHEN compared THEN the answered stub and the new class, in path order, with the kit's paths
        assertThat(StarterDrift.of(kit, starter)).containsExactly("exercises/src/main/java/x/Bump.java",
                "exercises/src/main/java/x/Helper.java");
        // AND a kit as built has no drift
        write(kit.resolve("exercises/src/main/java/x/Bump.java"), "stub");
        Files.delete(kit.resolve("exercises/src/main/java/x/Helper.java"));
        assertThat(StarterDrift.of(kit, starter)).isEmpty();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
