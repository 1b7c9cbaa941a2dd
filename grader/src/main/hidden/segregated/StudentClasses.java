package dev.alloclab.hidden.segregated;

import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The classes compiled from the submission's main code that a class was loaded with: where static state could hide. */
final class StudentClasses {
    private StudentClasses() {
    }

    static List<Class<?>> of(Class<?> anchor) {
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
}
