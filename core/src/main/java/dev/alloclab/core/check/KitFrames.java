package dev.alloclab.core.check;

import java.util.List;

/**
 * Tells the kit's own classes, the JDK's and the test libraries' from a learner's in a stack trace: when a learner's
 * allocator throws, the line to show is the top one that is none of these. The grader's hidden suites
 * ({@code dev.alloclab.hidden}) are the kit's too: their names, files and lines must never reach a student.
 */
final class KitFrames {
    private static final List<String> PREFIXES = List.of("dev.alloclab.core.", "dev.alloclab.hidden.",
            "dev.alloclab.grader.", "dev.alloclab.cli.", "dev.alloclab.companion.", "dev.alloclab.export.", "java.",
            "javax.", "jdk.", "sun.", "com.sun.", "org.junit.", "org.opentest4j.", "net.jqwik.", "org.assertj.",
            "net.bytebuddy.");

    private KitFrames() {
    }

    /** True when {@code className} is the kit's, the JDK's or a test library's. */
    static boolean isKits(String className) {
        for (String prefix : PREFIXES) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
