package dev.alloclab.grader.compile;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One line of advice after a compile error about a library the grader does not have: "package
 * org.apache.commons.lang3 does not exist".
 *
 * <p>Why: a student who adds a dependency to the starter's {@code pom.xml} sees {@code mvn test} pass, and then the
 * grade fail with javac's bare message, which reads as if the grader were broken. The grader compiles for Java 17
 * against the starter's libraries only ({@link Libraries}) and never reads {@code pom.xml}; the line says so, and
 * what to do instead. Packages of the JDK, of alloclab, and of the starter's libraries get no advice: a missing one of
 * those is a typo or a missing class, which javac's message already says.
 *
 * <p>INTERNAL.
 */
final class LibraryAdvice {
    /** javac's message, at the end of a {@code file:line: message} error line. */
    private static final Pattern MISSING_PACKAGE = Pattern.compile(": package (\\S+) does not exist$");

    /** Prefixes of the packages the grader compiles with: the JDK's, the kit's, JUnit 5's, jqwik's, AssertJ's. */
    private static final List<String> KNOWN = List.of(
            "java.", "javax.", "jdk.", "sun.", "com.sun.", "org.w3c.", "org.xml.", "org.ietf.",
            "dev.alloclab.",
            "org.junit.", "org.opentest4j.", "org.apiguardian.",
            "net.jqwik.",
            "org.assertj.");

    private LibraryAdvice() {
    }

    /**
     * {@code errors} with the {@link #sentence} after the first error about a package the grader does not have; as
     * they were when none is.
     *
     * @param ownPackages packages of the student's own that javac may not see either (those of shared files the
     *                    grader left out, whose errors say why): no advice about libraries for them
     */
    static List<String> added(List<String> errors, java.util.Set<String> ownPackages) {
        for (int i = 0; i < errors.size(); i++) {
            Matcher m = MISSING_PACKAGE.matcher(errors.get(i));
            if (m.find() && !known(m.group(1)) && !ownPackages.contains(m.group(1))) {
                List<String> advised = new ArrayList<>(errors);
                advised.add(i + 1, sentence(m.group(1)));
                return advised;
            }
        }
        return errors;
    }

    /** The advice for the package {@code javaPackage}. */
    static String sentence(String javaPackage) {
        return javaPackage + " is not in the JDK nor in the starter's libraries: the grader compiles for Java 17 with "
                + "the starter's libraries only (JUnit 5, jqwik, AssertJ, alloclab's core) and does not read pom.xml, "
                + "so a dependency added there is not available. Write what you need with the JDK's classes instead.";
    }

    private static boolean known(String javaPackage) {
        String dotted = javaPackage + ".";
        return KNOWN.stream().anyMatch(dotted::startsWith);
    }
}
