package dev.alloclab.grader.run;

import java.util.Map;

/**
 * Defines the hidden suites' classes from the bytes the grader compiled and sent over the results channel,
 * and only from those.
 *
 * <p>Two ways a submission could otherwise run its own code in a hidden suite's place, both seen in
 * tests before this loader existed:
 * <ul>
 *   <li>An ordinary class loader asks its parent first, and the parent here is the loader of the student's
 *       main classes. A class named like a hidden suite (say {@code dev.alloclab.hidden.bump.BumpHiddenTest},
 *       a name every report prints) in {@code src/main/java} would have been found there first. For names in
 *       the hidden package this loader never asks the parent.</li>
 *   <li>The compiled suites sit in the grading folder, which the grading JVM's user may write, and the
 *       student's tests run before the hidden suite. A test that copied a do-nothing class over the compiled
 *       suite would have had it loaded. This loader never reads the folder: the grader read the class files
 *       right after javac wrote them, before any student code ran, and sent their bytes in the job.</li>
 * </ul>
 * Every other name (the student's classes, core, JUnit) is looked up as usual, parent first.
 *
 * <p>INTERNAL.
 */
final class HiddenSuiteClassLoader extends ClassLoader {
    /** The package of every hidden suite and of the helpers compiled with them. */
    static final String HIDDEN_PREFIX = "dev.alloclab.hidden.";

    static {
        registerAsParallelCapable();
    }

    private final Map<String, byte[]> classes;

    /**
     * @param classes     binary class name to class file bytes, as the grader compiled them
     * @param studentMain the loader of the student's main classes, which the suites test
     */
    HiddenSuiteClassLoader(Map<String, byte[]> classes, ClassLoader studentMain) {
        super("hidden-suites", studentMain);
        this.classes = Map.copyOf(classes);
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

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] bytes = classes.get(name);
        if (bytes == null) {
            throw new ClassNotFoundException(name + " is not among the hidden suites the grader compiled");
        }
        return defineClass(name, bytes, 0, bytes.length);
    }
}
