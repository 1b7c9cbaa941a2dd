package dev.alloclab.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;

/**
 * The companion jar is an allow-list of packages, so a companion class that starts using a kit class of another
 * package compiles and passes every test run on the kit's full class path, then fails in a student's starter with
 * {@code NoClassDefFoundError} on the first run that reaches it ({@code progress} on a JRE once died so, reaching
 * {@code dev.alloclab.grader.ProcessRun}). This test reads every kit class in the jar and checks that each kit class
 * it names is in the jar too. (Kit classes only: the libraries' optional dependencies are not the kit's to fix.)
 */
class CompanionJarClosureTest {
    private static final int CONSTANT_CLASS = 7;

    @Test
    void every_kit_class_the_companion_jar_names_is_in_the_jar() throws IOException {
        // GIVEN the companion jar an export packs, read into memory
        Map<String, byte[]> classes = new TreeMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(CompanionJar.fromClasspath()))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                String name = e.getName().replaceFirst("^META-INF/versions/\\d+/", "");
                if (name.endsWith(".class")) {
                    classes.put(name.substring(0, name.length() - ".class".length()), in.readAllBytes());
                }
            }
        }
        assertThat(classes).containsKey("dev/alloclab/cli/StudentCommand");
        // WHEN every class reference of its kit classes is collected
        Map<String, TreeSet<String>> missing = new TreeMap<>();
        classes.forEach((name, bytes) -> {
            if (name.startsWith("dev/alloclab/")) {
                for (String used : classesNamedBy(bytes)) {
                    if (used.startsWith("dev/alloclab/") && !classes.containsKey(used)) {
                        missing.computeIfAbsent(used, k -> new TreeSet<>()).add(name);
                    }
                }
            }
        });
        // THEN none is missing (else: add its package or class to CompanionJar's allow-list)
        assertThat(missing).as("kit classes missing from %s (missing class = classes that use it)",
                CompanionJar.FILE_NAME).isEmpty();
    }

    /** The classes a class file's constant pool names (CONSTANT_Class entries, array element types unwrapped). */
    private static TreeSet<String> classesNamedBy(byte[] bytes) {
        ClassReader reader = new ClassReader(bytes);
        char[] buffer = new char[reader.getMaxStringLength()];
        TreeSet<String> names = new TreeSet<>();
        for (int i = 1; i < reader.getItemCount(); i++) {
            int offset = reader.getItem(i);
            if (offset > 0 && reader.readByte(offset - 1) == CONSTANT_CLASS) {
                String name = reader.readUTF8(offset, buffer); // a CONSTANT_Class holds the index of its name
                names.add(name.replaceFirst("^\\[+L", "").replaceFirst(";$", ""));
            }
        }
        return names;
    }
}
