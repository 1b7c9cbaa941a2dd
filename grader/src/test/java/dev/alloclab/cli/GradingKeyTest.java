package dev.alloclab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The build id every report carries: a hash of what the kit's jar holds, so a rebuild of the same sources finds it. */
class GradingKeyTest {
    @TempDir
    Path temp;

    @Test
    void the_same_files_packed_at_another_time_give_the_same_build_id() throws IOException {
        // GIVEN two jars of the same files, packed a day apart (as two builds of one commit are)
        Map<String, String> files = Map.of("dev/alloclab/A.class", "bytes of A", "dev/alloclab/hidden/B.java", "class B {}");
        Path first = jar("first.jar", files, FileTime.fromMillis(946_684_800_000L));
        Path second = jar("second.jar", files, FileTime.fromMillis(946_684_800_000L + 86_400_000L));
        assertThat(Files.readAllBytes(first)).as("the jars' bytes differ").isNotEqualTo(Files.readAllBytes(second));
        // WHEN their build ids are computed THEN they are the same
        assertThat(GradingKey.contentHashOf(first)).isEqualTo(GradingKey.contentHashOf(second)).hasSize(64);
    }

    @Test
    void a_changed_file_gives_another_build_id() throws IOException {
        // GIVEN two jars packed at the same time whose hidden suite differs by one character
        FileTime time = FileTime.fromMillis(946_684_800_000L);
        Path before = jar("before.jar", Map.of("dev/alloclab/hidden/B.java", "class B {}"), time);
        Path after = jar("after.jar", Map.of("dev/alloclab/hidden/B.java", "class C {}"), time);
        // WHEN their build ids are computed THEN they differ
        assertThat(GradingKey.contentHashOf(before)).isNotEqualTo(GradingKey.contentHashOf(after));
    }

    private Path jar(String name, Map<String, String> files, FileTime time) throws IOException {
        Path jar = temp.resolve(name);
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out)) {
            for (String file : new java.util.TreeSet<>(files.keySet())) {
                JarEntry entry = new JarEntry(file);
                entry.setLastModifiedTime(time);
                zip.putNextEntry(entry);
                zip.write(files.get(file).getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return jar;
    }
}
