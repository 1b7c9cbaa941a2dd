package dev.alloclab.companion;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The sentence check, progress, coverage and the grade put before javac's list when javac does not explain it. */
class CompileErrorHintsTest {
    @Test
    void a_byte_order_mark_utf_16_and_newer_java_each_get_one_sentence_and_ordinary_errors_none() {
        List<String> hints = CompileErrorHints.of(List.of(
                "src/main/java/dev/alloclab/exercises/bump/BumpAllocator.java:1: illegal character: '\\ufeff'",
                "src/main/java/dev/alloclab/exercises/bump/BumpAllocator.java:1: class, interface, enum, or record expected",
                "src/main/java/dev/alloclab/exercises/vec/IntVec.java:1: illegal character: '\\ufeff'",
                "src/main/java/dev/alloclab/exercises/vec/IntVec.java:1: illegal character: '\\ufeff'",
                "src/main/java/dev/alloclab/exercises/scope/Scope.java:1: illegal character: '\\u0000'",
                "src/main/java/dev/alloclab/exercises/bump/BumpAllocator.java:79: patterns in switch statements are a "
                        + "preview feature and are disabled by default.; (use --enable-preview to enable patterns in "
                        + "switch statements)"));
        // THEN one sentence per file and cause, in the order met (QA windows27 M4: check showed javac's lines only)
        assertThat(hints).containsExactly(
                "BumpAllocator.java starts with a byte-order mark (what editors call \"UTF-8 with BOM\"), which javac does "
                        + "not accept, under mvn test either. Save the file as UTF-8 without BOM.",
                "IntVec.java starts with a byte-order mark (what editors call \"UTF-8 with BOM\"), which javac does not "
                        + "accept, under mvn test either. Save the file as UTF-8 without BOM.",
                "Scope.java is not UTF-8 text: it is saved as UTF-16 (what Windows Notepad calls \"Unicode\") or was "
                        + "damaged on the way. Save it as UTF-8, or copy it again.",
                CompileErrorHints.NEWER_JAVA_SENTENCE);
        assertThat(CompileErrorHints.of(List.of("X.java:3: ';' expected", "X.java:9: cannot find symbol"))).isEmpty();
    }

    @Test
    void javacs_words_for_newer_java_under_jdk_17_and_25_are_recognised_and_ordinary_errors_are_not() {
        // JDK 17's javac on a pattern in a switch, and JDK 25's on a record pattern (QA windows27 H3: javac's own
        // advice, use --enable-preview or -source 21, is a fix the grader never applies)
        assertThat(CompileErrorHints.NEWER_JAVA.matcher("BumpAllocator.java:79: patterns in switch statements are a "
                + "preview feature and are disabled by default.; (use --enable-preview to enable patterns in switch "
                + "statements)").find()).isTrue();
        assertThat(CompileErrorHints.NEWER_JAVA.matcher("BumpAllocator.java:81: deconstruction patterns are not supported "
                + "in -source 17; (use -source 21 or higher to enable deconstruction patterns)").find()).isTrue();
        assertThat(CompileErrorHints.NEWER_JAVA.matcher("BumpAllocator.java:12: cannot find symbol; symbol: variable top")
                .find()).isFalse();
        assertThat(CompileErrorHints.NEWER_JAVA.matcher("BumpAllocator.java:81: ')' expected").find()).isFalse();
    }
}
