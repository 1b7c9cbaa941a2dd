package dev.alloclab.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A folder of resources on the grader's classpath, read the same way whether the grader runs from
 * {@code target/classes} (the build, the tests) or from the shaded {@code alloclab.jar}.
 *
 * <p>Why not a list of names: the starter's files are whatever {@code exercises/} holds when the
 * grader is built, so the exporter walks the folder instead of keeping a second list that could
 * drift from it.
 */
final class ResourceTree {
    private final String root;

    private ResourceTree(String root) {
        this.root = root;
    }

    /** The resource folder {@code root} (no leading slash, e.g. {@code dev/alloclab/export/starter}). */
    static ResourceTree at(String root) {
        return new ResourceTree(root);
    }

    /** Every file under the folder, by path relative to it ({@code /}-separated), sorted, with its bytes. */
    Map<String, byte[]> files() {
        URL url = ResourceTree.class.getClassLoader().getResource(root);
        if (url == null) {
            throw new ExportException("the grader was built without its export resources ('" + root + "' is missing"
                    + " from its classpath). Rebuild the kit with ./alloclab (or mvn package) and try again.");
        }
        try {
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                try (FileSystem zip = openZip(uri)) {
                    return read(zip.getPath(root));
                } catch (UnsupportedOperationException e) {
                    // the default file system, shared: never close it
                    return read(FileSystems.getFileSystem(uri).getPath(root));
                }
            }
            return read(Path.of(uri));
        } catch (URISyntaxException e) {
            throw new ExportException("cannot read the export resources at " + url + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the export resources at " + url + ": " + e.getMessage(), e);
        }
    }

    private static FileSystem openZip(URI uri) throws IOException {
        try {
            return FileSystems.newFileSystem(uri, Map.of());
        } catch (FileSystemAlreadyExistsException e) {
            throw new UnsupportedOperationException(e);
        }
    }

    private static Map<String, byte[]> read(Path base) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(base)) {
            paths = new ArrayList<>(walk.filter(Files::isRegularFile).toList());
        }
        Collections.sort(paths);
        for (Path p : paths) {
            files.put(base.relativize(p).toString().replace(p.getFileSystem().getSeparator(), "/"), Files.readAllBytes(p));
        }
        return files;
    }
}
