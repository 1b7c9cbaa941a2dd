package dev.alloclab.grader.compile;

import dev.alloclab.core.KitException;
import javax.tools.ToolProvider;

/**
 * Whether this Java can compile: the grader and the companion compile submissions in process, which a JRE (a Java
 * without the {@code jdk.compiler} module) cannot. Asked before any class that uses javac's own API is loaded: on a
 * JRE that class fails to load with a bare {@code NoClassDefFoundError: com/sun/source/util/TaskListener}.
 */
public final class JdkCompiler {
    private JdkCompiler() {
    }

    /**
     * @param command the command that needs the compiler, for the sentence
     * @throws KitException on a Java without a compiler, saying what to install
     */
    public static void require(String command) {
        if (ToolProvider.getSystemJavaCompiler() == null) {
            throw new KitException("this Java (" + System.getProperty("java.home") + ") has no compiler: it is a JRE, and "
                    + command + " compiles the submissions in process. Install a JDK 17 or newer (e.g. 'apt-get install "
                    + "openjdk-17-jdk'), put it first on the PATH or set JAVA_HOME, and run it again.");
        }
    }
}
