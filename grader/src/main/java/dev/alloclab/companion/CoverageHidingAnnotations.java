package dev.alloclab.companion;

import org.objectweb.asm.AnnotationVisitor;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Takes out of a compiled class the annotations that make JaCoCo leave code out of its counts, so that every line
 * a student wrote counts in the coverage the grader scores and {@code alloclab coverage} shows.
 *
 * <p>Why: JaCoCo skips a class or method annotated with any annotation whose simple name contains
 * {@code Generated} (meant for code a tool wrote), and a class annotated {@code kotlin.Metadata} goes through its
 * Kotlin filters. A student who declares {@code @interface Generated {}} and puts it on the methods their tests
 * never reach would otherwise see those methods vanish from the count, and a 53 % coverage would read 88 %.
 * Nothing in a submission is generated; the kit's own code carries no such annotation either.
 *
 * <p>A class without such an annotation is returned as the same array, byte for byte, so the usual submission's
 * classes are not rewritten at all. The method code of a rewritten class is copied unchanged (same instructions,
 * same line numbers), so the class behaves as compiled, apart from reflection on the removed annotations.
 *
 * <p>INTERNAL.
 */
public final class CoverageHidingAnnotations {
    private static final String KOTLIN_METADATA = "Lkotlin/Metadata;";

    private CoverageHidingAnnotations() {
    }

    /**
     * {@code classBytes} without the annotations that hide code from JaCoCo on the class and its methods; the same
     * array when it has none (or cannot be read as a class: the compiler's and JaCoCo's own errors say more then).
     */
    public static byte[] removedFrom(byte[] classBytes) {
        ClassReader reader;
        try {
            reader = new ClassReader(classBytes);
            Finder finder = new Finder();
            reader.accept(finder, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
            if (!finder.found) {
                return classBytes;
            }
        } catch (RuntimeException unreadable) {
            return classBytes;
        }
        ClassWriter writer = new ClassWriter(reader, 0);
        reader.accept(new Remover(writer), 0);
        return writer.toByteArray();
    }

    /** True for the descriptor of an annotation JaCoCo's filters act on ({@code Lcom/example/Outer$MyGenerated;}). */
    static boolean hidesCode(String descriptor) {
        if (KOTLIN_METADATA.equals(descriptor)) {
            return true;
        }
        int simpleNameStart = Math.max(descriptor.lastIndexOf('/'), descriptor.lastIndexOf('$')) + 1;
        return descriptor.substring(simpleNameStart).contains("Generated");
    }

    /** Whether a class or any of its methods carries such an annotation. */
    private static final class Finder extends ClassVisitor {
        boolean found;

        Finder() {
            super(Opcodes.ASM9);
        }

        @Override
        public AnnotationVisitor visitAnnotation(String descriptor, boolean visible) {
            found |= hidesCode(descriptor);
            return null;
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                String[] exceptions) {
            return new MethodVisitor(Opcodes.ASM9) {
                @Override
                public AnnotationVisitor visitAnnotation(String annotation, boolean visible) {
                    found |= hidesCode(annotation);
                    return null;
                }
            };
        }
    }

    /** Copies a class, leaving out those annotations on the class and on its methods. */
    private static final class Remover extends ClassVisitor {
        Remover(ClassVisitor next) {
            super(Opcodes.ASM9, next);
        }

        @Override
        public AnnotationVisitor visitAnnotation(String descriptor, boolean visible) {
            return hidesCode(descriptor) ? null : super.visitAnnotation(descriptor, visible);
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                String[] exceptions) {
            return new MethodVisitor(Opcodes.ASM9, super.visitMethod(access, name, descriptor, signature, exceptions)) {
                @Override
                public AnnotationVisitor visitAnnotation(String annotation, boolean visible) {
                    return hidesCode(annotation) ? null : super.visitAnnotation(annotation, visible);
                }
            };
        }
    }
}
