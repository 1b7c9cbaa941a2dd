package dev.alloclab.companion;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.AnnotationNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * The annotations JaCoCo's filters act on are taken out of a class, on the class and on its methods; every other
 * annotation and every instruction stays, and a class without them is not rewritten.
 */
class CoverageHidingAnnotationsTest {
    private static final String GENERATED = "Ldev/alloclab/exercises/bump/Generated;";
    private static final String NESTED_GENERATED = "Ldev/alloclab/exercises/bump/Outer$CoverageGeneratedMarker;";
    private static final String OTHER = "Ldev/alloclab/exercises/bump/Checked;";

    @Test
    void the_rule_is_jacocos_a_simple_name_containing_generated_or_kotlin_metadata() {
        assertThat(CoverageHidingAnnotations.hidesCode(GENERATED)).isTrue();
        assertThat(CoverageHidingAnnotations.hidesCode(NESTED_GENERATED)).isTrue();
        assertThat(CoverageHidingAnnotations.hidesCode("Llombok/Generated;")).isTrue();
        assertThat(CoverageHidingAnnotations.hidesCode("Lkotlin/Metadata;")).isTrue();
        assertThat(CoverageHidingAnnotations.hidesCode(OTHER)).isFalse();
        assertThat(CoverageHidingAnnotations.hidesCode("Lcom/example/Generated/Checked;"))
                .as("a package named Generated is not the simple name").isFalse();
        assertThat(CoverageHidingAnnotations.hidesCode("Ljava/lang/Deprecated;")).isFalse();
    }

    @Test
    void a_class_without_them_is_the_same_array() {
        byte[] plain = classWith(List.of(OTHER), List.of("Ljava/lang/Deprecated;"));
        assertThat(CoverageHidingAnnotations.removedFrom(plain)).isSameAs(plain);
    }

    @Test
    void they_are_taken_off_the_class_and_its_methods_and_the_rest_stays() {
        byte[] annotated = classWith(List.of(GENERATED, OTHER), List.of(NESTED_GENERATED, "Ljava/lang/Deprecated;"));
        byte[] cleaned = CoverageHidingAnnotations.removedFrom(annotated);
        assertThat(annotationsOf(annotated)).contains("class " + GENERATED, "method work " + NESTED_GENERATED);
        assertThat(annotationsOf(cleaned)).containsExactly("class " + OTHER, "method work Ljava/lang/Deprecated;");
        assertThat(codeOf(cleaned)).as("the instructions are copied as they were").isEqualTo(codeOf(annotated));
    }

    @Test
    void bytes_that_are_no_class_are_given_back_as_they_are() {
        byte[] notAClass = {1, 2, 3};
        assertThat(CoverageHidingAnnotations.removedFrom(notAClass)).isSameAs(notAClass);
    }

    /** A class {@code Work} with {@code classAnnotations} and a method {@code work} (a loop) with {@code methodAnnotations}. */
    private static byte[] classWith(List<String> classAnnotations, List<String> methodAnnotations) {
        ClassWriter w = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS);
        w.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, "dev/alloclab/exercises/bump/Work", null, "java/lang/Object", null);
        classAnnotations.forEach(a -> w.visitAnnotation(a, false).visitEnd());
        MethodVisitor m = w.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "work", "(I)I", null, null);
        methodAnnotations.forEach(a -> m.visitAnnotation(a, true).visitEnd());
        m.visitCode();
        org.objectweb.asm.Label loop = new org.objectweb.asm.Label();
        org.objectweb.asm.Label done = new org.objectweb.asm.Label();
        m.visitLabel(loop);
        m.visitLineNumber(7, loop);
        m.visitVarInsn(Opcodes.ILOAD, 0);
        m.visitJumpInsn(Opcodes.IFLE, done);
        m.visitIincInsn(0, -1);
        m.visitJumpInsn(Opcodes.GOTO, loop);
        m.visitLabel(done);
        m.visitVarInsn(Opcodes.ILOAD, 0);
        m.visitInsn(Opcodes.IRETURN);
        m.visitMaxs(0, 0);
        m.visitEnd();
        w.visitEnd();
        return w.toByteArray();
    }

    /** The class's and its methods' annotations, visible or not, as {@code class DESC} and {@code method NAME DESC}. */
    private static List<String> annotationsOf(byte[] bytes) {
        ClassNode node = new ClassNode();
        new ClassReader(bytes).accept(node, 0);
        List<String> found = new ArrayList<>();
        for (List<AnnotationNode> list : java.util.Arrays.asList(node.visibleAnnotations, node.invisibleAnnotations)) {
            if (list != null) {
                list.forEach(a -> found.add("class " + a.desc));
            }
        }
        for (MethodNode m : node.methods) {
            for (List<AnnotationNode> list : java.util.Arrays.asList(m.visibleAnnotations, m.invisibleAnnotations)) {
                if (list != null) {
                    list.forEach(a -> found.add("method " + m.name + " " + a.desc));
                }
            }
        }
        return found;
    }

    /** Each method's instructions as opcodes, with the line numbers between them. */
    private static List<String> codeOf(byte[] bytes) {
        ClassNode node = new ClassNode();
        new ClassReader(bytes).accept(node, 0);
        List<String> code = new ArrayList<>();
        for (MethodNode m : node.methods) {
            code.add(m.name + m.desc);
            for (AbstractInsnNode insn : m.instructions) {
                code.add(insn instanceof LineNumberNode line ? "line " + line.line : String.valueOf(insn.getOpcode()));
            }
        }
        return code;
    }
}
