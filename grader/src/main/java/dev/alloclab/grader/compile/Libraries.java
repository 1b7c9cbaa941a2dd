package dev.alloclab.grader.compile;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The libraries student code and hidden suites compile against: alloclab's core and the test
 * libraries of the starter (JUnit Jupiter, jqwik, AssertJ), found where the grader itself loaded them.
 *
 * <p>INTERNAL.
 */
final class Libraries {
    private static final String[] MARKERS = {
        "dev.alloclab.core.alloc.Allocator",
        "org.junit.jupiter.api.Test",
        "org.junit.jupiter.params.ParameterizedTest",
        "org.junit.platform.commons.annotation.Testable",
        // the starter's progress listener (src/test/java/.../support) is a JUnit Platform launcher listener
        "org.junit.platform.engine.TestExecutionResult",
        "org.junit.platform.launcher.TestExecutionListener",
        "org.opentest4j.AssertionFailedError",
        "org.apiguardian.api.API",
        "net.jqwik.api.Property",
        "org.assertj.core.api.Assertions",
    };

    private static final List<Path> CLASSPATH = find();

    private Libraries() {
    }

    static List<Path> classpath() {
        return CLASSPATH;
    }

    private static List<Path> find() {
        Set<Path> found = new LinkedHashSet<>();
        for (String name : MARKERS) {
            try {
                CodeSource source = Class.forName(name, false, Libraries.class.getClassLoader())
                        .getProtectionDomain().getCodeSource();
                if (source != null && source.getLocation() != null) {
                    URL location = source.getLocation();
                    found.add(Path.of(location.toURI()));
                }
            } catch (ClassNotFoundException | URISyntaxException | SecurityException e) {
                // a library the grader was built without: students cannot use it either
            }
        }
        return List.copyOf(new ArrayList<>(found));
    }
}
