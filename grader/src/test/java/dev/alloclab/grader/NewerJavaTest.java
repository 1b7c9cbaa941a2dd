package dev.alloclab.grader;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * javac's errors for Java newer than 17 get the grader's sentence (QA windows27 H3: javac's own advice, use
 * --enable-preview or -source 21, is a fix the grader never applies).
 */
class NewerJavaTest {
    @Test
    void javacs_words_for_newer_java_are_recognised_and_ordinary_errors_are_not() {
        // JDK 17's javac on a pattern in a switch, and JDK 25's on a record pattern
        assertThat(Grader.NEWER_JAVA.matcher("BumpAllocator.java:79: patterns in switch statements are a preview feature "
                + "and are disabled by default.; (use --enable-preview to enable patterns in switch statements)").find())
                .isTrue();
        assertThat(Grader.NEWER_JAVA.matcher("BumpAllocator.java:81: record patterns are not supported in -source 17; "
                + "(use -source 21 or higher to enable record patterns)").find()).isTrue();
        assertThat(Grader.NEWER_JAVA.matcher("BumpAllocator.java:12: cannot find symbol; symbol: variable top").find())
                .isFalse();
        assertThat(Grader.NEWER_JAVA.matcher("BumpAllocator.java:81: ')' expected").find()).isFalse();
    }
}
