package dev.alloclab.companion;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;

/** Given classes are known by the source file they were compiled from, nested and secondary classes too. */
class GivenCodeTest {
    private static final String PACKAGE = "dev/alloclab/exercises/stackframes/";

    @Test
    void a_class_is_known_by_the_file_its_source_attribute_names_or_else_by_its_top_level_name() {
        assertThat(GivenCode.sourcePath(PACKAGE + "FrameStackOverflowException",
                compiledFrom("FrameStackOverflowException.java", "FrameStackOverflowException")))
                .isEqualTo(PACKAGE + "FrameStackOverflowException.java");
        assertThat(GivenCode.sourcePath(PACKAGE + "FrameStack$Frame", compiledFrom("FrameStack.java", "FrameStack$Frame")))
                .as("a nested class").isEqualTo(PACKAGE + "FrameStack.java");
        assertThat(GivenCode.sourcePath(PACKAGE + "Helper", compiledFrom("FrameStack.java", "Helper")))
                .as("a second top-level class in a file: the file it stands in").isEqualTo(PACKAGE + "FrameStack.java");
        assertThat(GivenCode.sourcePath(PACKAGE + "Outer$Inner", compiledFrom(null, "Outer$Inner")))
                .as("compiled without the attribute").isEqualTo(PACKAGE + "Outer.java");
        assertThat(GivenCode.sourcePath(PACKAGE + "Odd", new byte[] {1, 2})).as("no class").isEqualTo(PACKAGE + "Odd.java");
    }

    @Test
    void only_the_classes_of_the_files_still_as_the_starter_has_them_are_given() {
        Map<String, byte[]> classes = Map.of(
                PACKAGE + "FrameStack", compiledFrom("FrameStack.java", "FrameStack"),
                PACKAGE + "FrameStack$1", compiledFrom("FrameStack.java", "FrameStack$1"),
                PACKAGE + "FrameStackOverflowException", compiledFrom("FrameStackOverflowException.java",
                        "FrameStackOverflowException"));
        Set<String> unchanged = Set.of(PACKAGE + "FrameStackOverflowException.java");
        assertThat(GivenCode.in(classes, unchanged::contains)).containsExactly(PACKAGE + "FrameStackOverflowException");
        assertThat(GivenCode.in(classes, path -> false)).isEmpty();
        assertThat(GivenCode.in(classes, path -> true)).as("every file the starter's: not started, nothing left out")
                .isEmpty();
    }

    private static byte[] compiledFrom(String sourceFile, String simpleName) {
        ClassWriter w = new ClassWriter(0);
        w.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, PACKAGE + simpleName, null, "java/lang/Object", null);
        if (sourceFile != null) {
            w.visitSource(sourceFile, null);
        }
        w.visitEnd();
        return w.toByteArray();
    }
}
