package dev.alloclab.companion;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Opcodes;

/**
 * The classes of an exercise the kit gives and the student has left as they are ({@code FrameStackOverflowException},
 * explicit-list's {@code Placement} and {@code FreeListOrder}): compiled from a main source file that is still exactly
 * the starter's. Coverage leaves them out, in the grader and in {@code alloclab coverage}, so a student is never told
 * to cover lines they did not write. A given file the student changed is theirs and counts; so does the exercise's
 * own class, which a student who has started has changed (while it is still the stub, no hidden test passes and the
 * coverage earns nothing anyway).
 *
 * <p>INTERNAL.
 */
public final class GivenCode {
    private GivenCode() {
    }

    /**
     * The internal names of the classes in {@code classes} (by internal name) whose source file, as a path below
     * {@code src/main/java} ({@code dev/alloclab/exercises/stackframes/FrameStackOverflowException.java}), is one
     * {@code unchangedSource} accepts; none when that is every class (an exercise not started: its stub is measured,
     * and the messages for a stub and the starter's example test apply).
     */
    public static Set<String> in(Map<String, byte[]> classes, Predicate<String> unchangedSource) {
        Set<String> given = new TreeSet<>();
        classes.forEach((name, bytes) -> {
            if (unchangedSource.test(sourcePath(name, bytes))) {
                given.add(name);
            }
        });
        // every file still the starter's: the exercise is not started, and is measured (and told) as such
        return given.size() == classes.size() ? Set.of() : given;
    }

    /**
     * The source file {@code bytes} were compiled from, below {@code src/main/java}: the class's package folder and
     * the file its {@code SourceFile} attribute names (a nested class, or a second class in a file, names its file),
     * or, without that attribute, the top-level class's name with {@code .java}.
     */
    static String sourcePath(String internalName, byte[] bytes) {
        int slash = internalName.lastIndexOf('/');
        String folder = internalName.substring(0, slash + 1);
        String[] file = {null};
        try {
            new ClassReader(bytes).accept(new ClassVisitor(Opcodes.ASM9) {
                @Override
                public void visitSource(String source, String debug) {
                    file[0] = source;
                }
            }, ClassReader.SKIP_CODE | ClassReader.SKIP_FRAMES);
        } catch (RuntimeException unreadable) {
            // no class: named by its top-level name below
        }
        if (file[0] == null || file[0].contains("/") || file[0].contains("\\")) {
            String simple = internalName.substring(slash + 1);
            int nested = simple.indexOf('$');
            file[0] = (nested < 0 ? simple : simple.substring(0, nested)) + ".java";
        }
        return folder + file[0];
    }
}
