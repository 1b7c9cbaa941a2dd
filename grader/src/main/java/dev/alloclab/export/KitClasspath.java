package dev.alloclab.export;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The jars that run the kit, taken from the running JVM's class path, for packages that carry the kit
 * somewhere else (the Gradescope zip). From {@code alloclab.jar} that is the one shaded jar; from the
 * build (tests) it is every module's {@code target/classes}, packed into a jar, plus the library jars.
 * Test classes are left out: they are not part of the kit.
 */
final class KitClasspath {
    private KitClasspath() {
    }

    /** File name in {@code lib/} -> jar bytes, in class-path order. */
    static Map<String, byte[]> jars() {
        Map<String, byte[]> jars = new LinkedHashMap<>();
        String classPath = System.getProperty("java.class.path", "");
        int n = 0;
        for (String entry : classPath.split(File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            Path path = Path.of(entry);
            String name = path.getFileName() == null ? "entry" : path.getFileName().toString();
            try {
                if (Files.isDirectory(path)) {
                    if (name.equals("test-classes")) {
                        continue;
                    }
                    Path module = path.toAbsolutePath().getParent() == null ? path : path.toAbsolutePath().getParent().getParent();
                    String moduleName = module == null || module.getFileName() == null ? "classes" : module.getFileName().toString();
                    jars.put(String.format("%02d-%s-classes.jar", n++, moduleName), CoreArtifact.jarOf(folder(path), false));
                } else if (name.endsWith(".jar") && Files.isRegularFile(path)) {
                    jars.put(String.format("%02d-%s", n++, name), Files.readAllBytes(path));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the class-path entry " + path + ": " + e.getMessage(), e);
            }
        }
        if (jars.isEmpty()) {
            throw new ExportException("cannot find the kit's jars on the class path; run the export from "
                    + "alloclab.jar (./alloclab export-gradescope FILE.zip).");
        }
        return jars;
    }

    private static Map<String, byte[]> folder(Path folder) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(folder)) {
            paths = new ArrayList<>(walk.filter(Files::isRegularFile).toList());
        }
        for (Path p : paths) {
            files.put(folder.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
        }
        return files;
    }
}
