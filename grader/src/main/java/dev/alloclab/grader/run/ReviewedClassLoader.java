package dev.alloclab.grader.run;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.security.cert.Certificate;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Defines a submission's classes from the bytes the grader compiled and reviewed, and serves its resources from
 * the copy the grader read before any student code ran: never from a folder.
 *
 * <h2>Why not a {@code URLClassLoader} over the class folders</h2>
 * The class folders sit in the grading folder, which the grading JVM's user may write, and a
 * {@code URLClassLoader} reads them lazily. Student code that ran before (the student's own tests run before the
 * hidden suite) could therefore add class files and service files that a later lookup finds:
 * <ul>
 *   <li>a {@code META-INF/services/org.junit.platform.engine.TestEngine} file and its engine, which the hidden
 *       phase's launcher registered and whose always-passing tests padded the hidden total;</li>
 *   <li>any class loaded by a name built at run time ({@code ServiceLoader}, {@code Class.forName}): code that
 *       {@code CodeReview} never saw, because it only reads what javac wrote.</li>
 * </ul>
 * This loader holds its classes and resources in memory from the start; what anyone writes to disk later is
 * never read. Every name is looked up parent first as usual (the kit's core, JUnit, and, for the student's
 * tests, the student's main classes); a name the parents lack is defined from the bytes here or not at all.
 *
 * <p>Classes get a code source whose location is the folder javac wrote them to (only a label now, never read):
 * the JaCoCo agent instruments only classes with a location, and code that asks where its class came from gets
 * an answer as before.
 *
 * <p>INTERNAL.
 */
final class ReviewedClassLoader extends ClassLoader {
    /** The URL scheme of resources served from memory: {@code alloclab-reviewed:/META-INF/services/...}. */
    static final String SCHEME = "alloclab-reviewed";

    static {
        registerAsParallelCapable();
    }

    private final Map<String, byte[]> classes;
    private final Map<String, byte[]> resources;
    private final ProtectionDomain domain;
    private final URLStreamHandler handler = new MemoryHandler();

    /**
     * @param name      the loader's name (in stack traces and {@code toString})
     * @param classes   binary class name ({@code dev.alloclab.exercises.bump.BumpAllocator}) to class file bytes
     * @param resources resource name ({@code META-INF/services/...}) to bytes, as read before student code ran
     * @param location  the folder javac wrote the classes to: their code source's location, never read
     * @param parent    the loader asked first
     */
    ReviewedClassLoader(String name, Map<String, byte[]> classes, Map<String, byte[]> resources, Path location,
            ClassLoader parent) {
        super(name, parent);
        this.classes = Map.copyOf(classes);
        Map<String, byte[]> all = new LinkedHashMap<>(resources);
        // the class files themselves, as a URLClassLoader serves them: the same reviewed bytes
        classes.forEach((className, bytes) -> all.putIfAbsent(className.replace('.', '/') + ".class", bytes));
        this.resources = Map.copyOf(all);
        this.domain = new ProtectionDomain(new CodeSource(urlOf(location), (Certificate[]) null), null, this, null);
    }

    /** The binary names of the classes this loader defines (what {@code StudentClasses} of a hidden suite walks). */
    Set<String> classNames() {
        return classes.keySet();
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] bytes = classes.get(name);
        if (bytes == null) {
            throw new ClassNotFoundException(name + " was not compiled from the submission (classes written while "
                    + "grading are never loaded)");
        }
        return defineClass(name, bytes, 0, bytes.length, domain);
    }

    @Override
    protected URL findResource(String name) {
        String key = name.startsWith("/") ? name.substring(1) : name;
        if (!resources.containsKey(key)) {
            return null;
        }
        try {
            return new URL(SCHEME, null, -1, "/" + key, handler);
        } catch (MalformedURLException e) {
            return null;
        }
    }

    @Override
    protected Enumeration<URL> findResources(String name) {
        URL url = findResource(name);
        return url == null ? Collections.emptyEnumeration() : Collections.enumeration(java.util.List.of(url));
    }

    private static URL urlOf(Path location) {
        try {
            return location.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("no URL for " + location, e);
        }
    }

    /** Opens this loader's URLs on the bytes it holds. */
    private final class MemoryHandler extends URLStreamHandler {
        @Override
        protected URLConnection openConnection(URL url) throws IOException {
            byte[] bytes = resources.get(url.getPath().substring(1));
            if (bytes == null) {
                throw new IOException(url + " is not among the resources the grader read before your code ran");
            }
            return new URLConnection(url) {
                @Override
                public void connect() {
                    connected = true;
                }

                @Override
                public InputStream getInputStream() {
                    return new ByteArrayInputStream(bytes);
                }

                @Override
                public int getContentLength() {
                    return bytes.length;
                }

                @Override
                public long getContentLengthLong() {
                    return bytes.length;
                }
            };
        }
    }
}
