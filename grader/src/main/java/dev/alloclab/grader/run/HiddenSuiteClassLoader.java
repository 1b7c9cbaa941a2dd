package dev.alloclab.grader.run;

import java.net.URL;
import java.net.URLClassLoader;

/**
 * Loads the hidden suites' classes from the grader's own compiled output, and only from there.
 *
 * <p>An ordinary class loader asks its parent first, and the parent here is the loader of the student's
 * main classes. A student who ships a class named like a hidden suite (say
 * {@code dev.alloclab.hidden.bump.BumpHiddenTest}, a name every report prints) in {@code src/main/java}
 * would then have their own class run in its place, with test methods that pass by doing nothing. For
 * names in the hidden package this loader never asks the parent: the class is the grader's or none.
 * Every other name (the student's classes, core, JUnit) is looked up as usual, parent first.
 *
 * <p>INTERNAL.
 */
final class HiddenSuiteClassLoader extends URLClassLoader {
    /** The package of every hidden suite and of the helpers compiled with them. */
    static final String HIDDEN_PREFIX = "dev.alloclab.hidden.";

    static {
        registerAsParallelCapable();
    }

    HiddenSuiteClassLoader(URL[] hiddenDirs, ClassLoader studentMain) {
        super(hiddenDirs, studentMain);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (!name.startsWith(HIDDEN_PREFIX)) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded == null) {
                loaded = findClass(name); // ClassNotFoundException if the grader did not compile it: never the parent's
            }
            if (resolve) {
                resolveClass(loaded);
            }
            return loaded;
        }
    }
}
