package dev.alloclab.export;

import dev.alloclab.grader.Sha256;
import dev.alloclab.core.KitException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;

/**
 * The kit's {@code core} module as a released Maven artifact ({@code dev.alloclab:alloclab-core}), built
 * from the classes the grader itself runs with, so the starter compiles against exactly the core that
 * grades it.
 *
 * <p>Where the classes come from: the code source of {@link KitException}. From the build that is
 * {@code core/target/classes} (every file is taken); from the shaded {@code alloclab.jar} it is that jar
 * (only {@code dev/alloclab/core/**} is taken, and the service files keep only the lines naming core
 * classes, since shading merged the grader's registrations into them).
 *
 * <p>Why the version carries a hash ({@code 0.1.0-c0ffee12}): Maven copies a file-repository artifact
 * into the user's {@code ~/.m2} and never looks at the file again. If two exports with different cores
 * shared one version, the second starter would silently build against the first core. The jar is
 * written deterministically (sorted entries, fixed times) so the same core always gets the same version.
 */
public final class CoreArtifact {
    /** The Maven coordinates the starter's pom names. */
    public static final String GROUP_ID = "dev.alloclab";
    public static final String ARTIFACT_ID = "alloclab-core";

    private static final String CORE_PACKAGE = "dev/alloclab/core/";
    private static final String SERVICES = "META-INF/services/";
    /** 1 Jan 2000: any fixed time keeps the jar's bytes, and so its version, reproducible. */
    private static final long FIXED_TIME = 946_684_800_000L;

    private final byte[] jar;
    private final String version;

    private CoreArtifact(byte[] jar, String baseVersion) {
        this.jar = jar;
        this.version = baseVersion + "-" + HexFormat.of().formatHex(sha256(jar), 0, 4);
    }

    /** The core the grader is running with, versioned from {@code kitVersion} (its -SNAPSHOT dropped). */
    public static CoreArtifact fromClasspath(String kitVersion) {
        return new CoreArtifact(jarOf(coreFiles(), true), kitVersion.replace("-SNAPSHOT", ""));
    }

    public String version() {
        return version;
    }

    /**
     * Writes the artifact into the Maven repository layout under {@code repo}:
     * {@code dev/alloclab/alloclab-core/<v>/alloclab-core-<v>.jar} and {@code .pom}; returns the jar's path.
     */
    public Path writeInto(Path repo) {
        Path dir = repo.resolve(GROUP_ID.replace('.', '/')).resolve(ARTIFACT_ID).resolve(version);
        try {
            Files.createDirectories(dir);
            Path jarFile = dir.resolve(ARTIFACT_ID + "-" + version + ".jar");
            Files.write(jarFile, jar);
            Files.writeString(dir.resolve(ARTIFACT_ID + "-" + version + ".pom"), pom(), StandardCharsets.UTF_8);
            return jarFile;
        } catch (IOException e) {
            throw new ExportException("cannot write the core artifact into '" + repo + "': " + e.getMessage(), e);
        }
    }

    /** core has no runtime dependencies: its pom only names it. */
    String pom() {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <project xmlns="http://maven.apache.org/POM/4.0.0"
                         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>%s</groupId>
                  <artifactId>%s</artifactId>
                  <version>%s</version>
                  <name>alloclab core</name>
                  <description>The alloclab memory model, bundled with the student starter.</description>
                </project>
                """.formatted(GROUP_ID, ARTIFACT_ID, version);
    }

    /** The core's files by jar entry name. */
    static Map<String, byte[]> coreFiles() {
        Path location = location();
        try {
            if (Files.isDirectory(location)) {
                return fromFolder(location);
            }
            return fromJar(location);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the core classes from " + location + ": " + e.getMessage(), e);
        }
    }

    private static Path location() {
        CodeSource source = KitException.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            throw new ExportException("cannot find where the core classes were loaded from; run the export from "
                    + "alloclab.jar (./alloclab export-starter DIR).");
        }
        try {
            return Path.of(source.getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new ExportException("cannot read the core location " + source.getLocation() + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, byte[]> fromFolder(Path folder) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(folder.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
            }
        }
        return files;
    }

    private static Map<String, byte[]> fromJar(Path jarPath) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (JarFile jarFile = new JarFile(jarPath.toFile())) {
            for (JarEntry entry : jarFile.stream().filter(e -> !e.isDirectory()).toList()) {
                String name = entry.getName();
                boolean core = name.startsWith(CORE_PACKAGE);
                boolean coreService = name.startsWith(SERVICES + "dev.alloclab.core.");
                if (core || coreService) {
                    try (InputStream in = jarFile.getInputStream(entry)) {
                        files.put(name, in.readAllBytes());
                    }
                }
            }
        }
        // keep only the providers that are core's own classes
        for (Map.Entry<String, byte[]> service : files.entrySet()) {
            if (service.getKey().startsWith(SERVICES)) {
                String kept = new String(service.getValue(), StandardCharsets.UTF_8).lines()
                        .filter(line -> line.isBlank() || line.startsWith("#")
                                || files.containsKey(line.trim().replace('.', '/') + ".class"))
                        .collect(Collectors.joining("\n", "", "\n"));
                service.setValue(kept.getBytes(StandardCharsets.UTF_8));
            }
        }
        return files;
    }

    /**
     * A jar with sorted entries and fixed times: the same files always give the same bytes.
     * {@code mustHoldCore}: refuse files without core's classes (a broken build).
     */
    static byte[] jarOf(Map<String, byte[]> files, boolean mustHoldCore) {
        return jarOf(files, mustHoldCore, Map.of());
    }

    /** As {@link #jarOf(Map, boolean)}, with more manifest attributes (a Main-Class, say). */
    static byte[] jarOf(Map<String, byte[]> files, boolean mustHoldCore, Map<String, String> attributes) {
        if (mustHoldCore && !files.containsKey(KitException.class.getName().replace('.', '/') + ".class")) {
            throw new ExportException("the core classes were not found on the grader's classpath; rebuild the kit.");
        }
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().putValue("Manifest-Version", "1.0");
        manifest.getMainAttributes().putValue("Created-By", "alloclab export-starter");
        new TreeMap<>(attributes).forEach(manifest.getMainAttributes()::putValue);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream out = new JarOutputStream(bytes)) {
            JarEntry manifestEntry = new JarEntry(JarFile.MANIFEST_NAME);
            manifestEntry.setTime(FIXED_TIME);
            out.putNextEntry(manifestEntry);
            manifest.write(out);
            out.closeEntry();
            for (Map.Entry<String, byte[]> file : new TreeMap<>(files).entrySet()) {
                if (file.getKey().equals(JarFile.MANIFEST_NAME)) {
                    continue;
                }
                ZipEntry entry = new ZipEntry(file.getKey());
                entry.setTime(FIXED_TIME);
                out.putNextEntry(entry);
                out.write(file.getValue());
                out.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static byte[] sha256(byte[] data) {
        return Sha256.of(data);
    }
}
