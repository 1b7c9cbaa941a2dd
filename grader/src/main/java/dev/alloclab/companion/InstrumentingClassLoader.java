package dev.alloclab.companion;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.Map;

/**
 * The class loader of a coverage run: the exercise's main classes and the shared ones they reach come from the bytes
 * JaCoCo instrumented (their probes record which lines and branches run), everything else (the tests, the rest of
 * the shared code, resources) from the
 * compiled folders as usual. Instrumented classes are defined here first, never asked of the parent, so a copy of
 * the exercise on the kit's own class path could not slip in uncounted.
 */
final class InstrumentingClassLoader extends URLClassLoader {
    /** Binary class name ({@code dev.alloclab.exercises.bump.BumpAllocator}) to its instrumented bytes. */
    private final Map<String, byte[]> instrumented;

    InstrumentingClassLoader(URL[] classpath, ClassLoader parent, Map<String, byte[]> instrumented) {
        super("alloclab-coverage", classpath, parent);
        this.instrumented = Map.copyOf(instrumented);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        byte[] bytes = instrumented.get(name);
        if (bytes == null) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded == null) {
                loaded = defineClass(name, bytes, 0, bytes.length);
            }
            if (resolve) {
                resolveClass(loaded);
            }
            return loaded;
        }
    }
}
