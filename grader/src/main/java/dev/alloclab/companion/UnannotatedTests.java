package dev.alloclab.companion;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.LineMap;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.PrimitiveTypeTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreeScanner;
import com.sun.source.util.Trees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Modifier;
import javax.lang.model.type.TypeKind;
import javax.tools.JavaCompiler;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/**
 * Test methods a student wrote but JUnit never runs, because they lack {@code @Test}: a method of a test class
 * that takes nothing, returns nothing, is neither private, static nor abstract, carries no annotation at all, and
 * is called from nowhere in its file. Such a method compiles, passes silently and covers nothing, and the student
 * sees only that the coverage is lower than the tests they wrote should give; naming the method is the whole fix.
 *
 * <p>A helper the tests call ({@code fillHeap()}) is not named: it is called. A helper nobody calls is dead code,
 * which is worth a look anyway. Read from the source with javac's parser only (no classpath, no compilation), so
 * it works on a file that does not compile yet; a file javac cannot parse gives nothing.
 */
public final class UnannotatedTests {
    private static final JavaCompiler JAVAC = ToolProvider.getSystemJavaCompiler();

    private UnannotatedTests() {
    }

    /**
     * The methods of {@code file} that look like tests without {@code @Test}, each as {@code Class.method() (line N)},
     * in file order.
     */
    public static List<String> in(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException unreadable) {
            return List.of(); // not UTF-8, or gone: the compile step says what is wrong with the file
        }
        return inSource(file.getFileName().toString(), text);
    }

    /** As {@link #in(Path)}, for a source's text; {@code fileName} names it in javac's eyes only. */
    static List<String> inSource(String fileName, String text) {
        if (JAVAC == null) {
            return List.of();
        }
        JavacTask task = (JavacTask) JAVAC.getTask(new java.io.StringWriter(), null, diagnostic -> { },
                List.of("-proc:none"), null, List.of(new Text(fileName, text)));
        List<String> found = new ArrayList<>();
        try {
            SourcePositions positions = Trees.instance(task).getSourcePositions();
            for (CompilationUnitTree unit : task.parse()) {
                Set<String> called = calledNames(unit);
                new TreeScanner<Void, String>() {
                    @Override
                    public Void visitClass(ClassTree type, String outer) {
                        String name = outer == null ? type.getSimpleName().toString()
                                : outer + "." + type.getSimpleName();
                        if (type.getKind() == Tree.Kind.CLASS) {
                            for (Tree member : type.getMembers()) {
                                if (member instanceof MethodTree method && looksLikeForgottenTest(method, called)) {
                                    found.add(name + "." + method.getName() + "() (line "
                                            + line(unit.getLineMap(), positions.getStartPosition(unit, method)) + ")");
                                }
                            }
                        }
                        return super.visitClass(type, name);
                    }
                }.scan(unit, null);
            }
        } catch (IOException | RuntimeException unparsable) {
            return List.of(); // javac's parser copes with broken code; anything else is not this check's business
        }
        return found;
    }

    private static boolean looksLikeForgottenTest(MethodTree method, Set<String> called) {
        Set<Modifier> flags = method.getModifiers().getFlags();
        return method.getBody() != null
                && method.getReturnType() instanceof PrimitiveTypeTree returned
                && returned.getPrimitiveTypeKind() == TypeKind.VOID
                && method.getParameters().isEmpty()
                && method.getTypeParameters().isEmpty()
                && method.getModifiers().getAnnotations().isEmpty()
                && !flags.contains(Modifier.PRIVATE)
                && !flags.contains(Modifier.STATIC)
                && !flags.contains(Modifier.ABSTRACT)
                && !called.contains(method.getName().toString());
    }

    /** Every method name the file calls or refers to ({@code m()}, {@code x.m()}, {@code this::m}). */
    private static Set<String> calledNames(CompilationUnitTree unit) {
        Set<String> names = new HashSet<>();
        new TreeScanner<Void, Void>() {
            @Override
            public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
                Tree select = call.getMethodSelect();
                if (select instanceof MemberSelectTree member) {
                    names.add(member.getIdentifier().toString());
                } else if (select instanceof com.sun.source.tree.IdentifierTree id) {
                    names.add(id.getName().toString());
                }
                return super.visitMethodInvocation(call, unused);
            }

            @Override
            public Void visitMemberReference(MemberReferenceTree reference, Void unused) {
                names.add(reference.getName().toString());
                return super.visitMemberReference(reference, unused);
            }
        }.scan(unit, null);
        return names;
    }

    private static long line(LineMap lines, long position) {
        return position < 0 || lines == null ? 0 : lines.getLineNumber(position);
    }

    private static final class Text extends SimpleJavaFileObject {
        private final String text;

        Text(String fileName, String text) {
            super(java.net.URI.create("string:///" + fileName.replaceAll("[^A-Za-z0-9_.$-]", "_")), Kind.SOURCE);
            this.text = text;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return text;
        }
    }
}
