package dev.alloclab.export;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The kit's version and the library versions of its root pom, written into
 * {@code dev/alloclab/export/versions.properties} by Maven's resource filtering when the grader is
 * built. The starter's pom pins the same versions, so students test with what the grader grades with.
 */
final class KitVersions {
    private static final String FILE = "dev/alloclab/export/versions.properties";
    private static final Properties VERSIONS = load();

    private KitVersions() {
    }

    static String get(String key) {
        String value = VERSIONS.getProperty(key);
        if (value == null || value.isBlank() || value.startsWith("${")) {
            throw new ExportException("the grader was built without the version '" + key + "' in " + FILE
                    + ". Rebuild the kit with ./alloclab (or mvn package).");
        }
        return value.trim();
    }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = KitVersions.class.getClassLoader().getResourceAsStream(FILE)) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}
