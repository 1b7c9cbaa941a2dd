package dev.alloclab.hidden.segregated;

import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The classes compiled from the submission's main code that a class was loaded with: where static state could hide.
 *
 * <p>The grading JVM defines the student's classes from the bytes the grader compiled, never from a folder, and
 * names them in the configuration parameter {@value #PARAMETER} (binary names, comma separated), fixed before any
 * student code runs. Without it (a suite run by hand on a class path) the folders of a {@code URLClassLoader} are
 * walked instead.
 */
final class StudentClasses {
    static final String PARAMETER = "alloclab.grading.student-main-classes";

    /** Binary names the grader sent, or null when it sent none. */
    private final List<String> names;

    private StudentClasses(List<String> names) {
        this.names = names;
    }

    /** The student's main classes as {@code anchor}'s class loader defines them ({@code anchor} at least). */
    List<Class<?>> of(Class<?> anchor) {
        if (names == null) {
            return inFolders(anchor);
        }
        List<Class<?>> classes = new ArrayList<>();
        for (String name : names) {
            try {
                classes.add(Class.forName(name, false, anchor.getClassLoader()));
            } catch (ClassNotFoundException | LinkageError e) {
                // a class that cannot load holds no state
            }
        }
        if (!classes.contains(anchor)) {
            classes.add(anchor);
        }
        return classes;
    }

    private static List<Class<?>> inFolders(Class<?> anchor) {
        List<Class<?>> classes = new ArrayList<>();
        if (!(anchor.getClassLoader() instanceof URLClassLoader loader)) {
            classes.add(anchor);
            return classes;
        }
        for (URL url : loader.getURLs()) {
            Path root;
            try {
                root = Path.of(url.toURI());
            } catch (URISyntaxException | IllegalArgumentException e) {
                continue;
            }
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                    String relative = root.relativize(file).toString().replace('\\', '/');
                    String name = relative.substring(0, relative.length() - ".class".length()).replace('/', '.');
                    try {
                        classes.add(Class.forName(name, false, loader));
                    } catch (ClassNotFoundException | LinkageError e) {
                        // a class that cannot load holds no state
                    }
                }
            } catch (java.io.IOException e) {
                // an unreadable folder: its classes are not looked at
            }
        }
        return classes;
    }

    /** Gives a test (or a suite's constructor) the names the grader sent. */
    static final class Resolver implements ParameterResolver {
        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == StudentClasses.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return new StudentClasses(context.getConfigurationParameter(PARAMETER)
                    .map(text -> text.isEmpty() ? List.<String>of() : List.of(text.split(",")))
                    .orElse(null));
        }
    }
}
