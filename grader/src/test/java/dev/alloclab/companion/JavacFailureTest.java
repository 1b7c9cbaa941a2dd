package dev.alloclab.companion;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The sentence for javac's own failures names what ran out, or the exception javac printed. */
class JavacFailureTest {
    @Test
    void a_stack_overflow_and_an_out_of_memory_are_told_with_what_to_do() {
        assertThat(JavacFailure.sentence("An exception has occurred in the compiler (17.0.12). ...\n"
                + "java.lang.StackOverflowError\n\tat jdk.compiler/com.sun.tools.javac.parser.JavacParser.term3"))
                .startsWith("javac ran out of stack: ").endsWith("Write it as several smaller ones.");
        assertThat(JavacFailure.sentence("java.lang.OutOfMemoryError: Java heap space\n\tat ..."))
                .startsWith("javac ran out of memory: ");
    }

    @Test
    void any_other_failure_names_the_exception_javac_printed() {
        assertThat(JavacFailure.sentence("An exception has occurred in the compiler (17.0.12).\n"
                + "java.lang.AssertionError: unexpected type\n\tat jdk.compiler/com.sun.tools.javac.comp.Attr.visit"))
                .isEqualTo("javac failed (java.lang.AssertionError: unexpected type) although it found no error in the"
                        + " code. Simplify the code it was reading, or ask your instructor.");
        assertThat(JavacFailure.sentence("")).contains("(an error of its own)");
    }
}
