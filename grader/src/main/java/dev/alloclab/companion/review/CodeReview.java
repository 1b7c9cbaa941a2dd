package dev.alloclab.companion.review;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Reads a submission's compiled classes and lists every place that uses something an allocator exercise
 * never needs and that could tamper with grading ({@link ReviewFlag}).
 *
 * <p>Why in the class files and not the sources: javac has resolved every name by then, so an import alias, a
 * wildcard or a fully qualified name all end up as the same owner, and a method reference ({@code Method::invoke})
 * is as visible as a call. What is looked at: every method and field the code reaches (calls, field accesses,
 * method handles in {@code invokedynamic}), every type it creates, casts to or names as a class literal, each
 * class's superclass and interfaces, and every string constant (a name such as {@code "$jacocoData"} is a
 * constant even when split with {@code +}).
 *
 * <p>What counts, by owner: the submission's own classes are always fine; in the JDK, reflection
 * ({@code java.lang.reflect}, {@code java.lang.invoke}, the reflective methods of {@code Class}), internals
 * ({@code sun.*}, {@code jdk.*}, {@code com.sun.*}, management), class loaders, compilers and whatever instantiates
 * classes by a name read at run time ({@code ServiceLoader}, {@code ResourceBundle.getBundle}, {@code java.beans},
 * JNDI), the call stack
 * ({@code StackWalker}, {@code getStackTrace}), processes and sockets; outside the JDK, anything that is not the API of alloclab's {@code core}, JUnit Jupiter, jqwik,
 * AssertJ or opentest4j (the grader's classes, JaCoCo's, the test engines' and AssertJ's reflective internals
 * included). Lambdas, string concatenation, records and switches compile to {@code invokedynamic} with the
 * JDK's own bootstrap methods; those are not flagged.
 *
 * <p>It is a detector, not a wall: code that is never compiled from the submission (a library gadget reached
 * with names built at run time, say) can still escape it. The threat model in {@code docs/instructors.md} says
 * what is left.
 *
 * <p>INTERNAL.
 */
public final class CodeReview {
    /** More flags than this from one submission say nothing more; the rest are dropped. */
    static final int MAX_FLAGS = 50;

    private static final List<String> ALLOWED_LIBRARIES = List.of(
            "dev/alloclab/core/", "org/junit/jupiter/api/", "org/junit/jupiter/params/", "org/junit/platform/suite/api/",
            "net/jqwik/api/", "net/jqwik/time/api/", "net/jqwik/web/api/", "org/assertj/core/", "org/opentest4j/",
            "org/apiguardian/");
    private static final List<String> REFLECTIVE_LIBRARY_PARTS = List.of(
            "org/assertj/core/util/introspection/", "org/assertj/core/internal/");
    private static final Set<String> REFLECTIVE_CLASS_METHODS = Set.of(
            "forName", "getDeclaredField", "getDeclaredFields", "getDeclaredMethod", "getDeclaredMethods",
            "getDeclaredConstructor", "getDeclaredConstructors", "getField", "getFields", "getMethod", "getMethods",
            "getConstructor", "getConstructors", "getEnclosingMethod", "getEnclosingConstructor", "getRecordComponents",
            "newInstance", "getModule");
    private static final Set<String> JDK_BOOTSTRAPS = Set.of(
            "java/lang/invoke/LambdaMetafactory", "java/lang/invoke/StringConcatFactory",
            "java/lang/runtime/ObjectMethods", "java/lang/runtime/SwitchBootstraps");
    private static final List<String> GRADER_TEXTS = List.of(
            "jacoco", "dev.alloclab.hidden", "dev/alloclab/hidden", "dev.alloclab.grader", "dev/alloclab/grader");

    /**
     * Core classes whose every use in an exercise's main code hands the exercise to the kit: its finished allocators
     * (and the registry that names them), the simulator that computes the explicit list's placements, and the call
     * stack the stack-frames exercise is the smallest version of. Tests may use them (an oracle is fair); an answer
     * may not: a ten-line {@code ExplicitFreeListAllocator} forwarding to {@code ReferenceAllocator} passed every
     * hidden test. Their nested classes count too ({@code ImplicitListAllocator.Factory}). {@code AllocatorFactory}
     * is the registry's interface: {@code ServiceLoader.load(AllocatorFactory.class)} hands out core's registered
     * allocators by name without naming one of their classes (QA session 18, hostile 11).
     */
    /** The descriptor of {@code main(String[])}. */
    private static final String MAIN_DESCRIPTOR = "([Ljava/lang/String;)V";

    private static final List<String> KIT_ANSWER_CLASSES = List.of(
            "dev/alloclab/core/alloc/ReferenceAllocator", "dev/alloclab/core/alloc/ImplicitListAllocator",
            "dev/alloclab/core/alloc/Allocators", "dev/alloclab/core/alloc/AllocatorFactory",
            "dev/alloclab/core/alloc/segregated/", "dev/alloclab/core/alloc/sim/FreeListSimulator",
            "dev/alloclab/core/memory/StackMemory");
    /**
     * Methods of core classes that are otherwise fine to use, which build or run a kit answer: {@code VecMetadata}'s
     * methods that allocate, grow or free (writing them is the vec exercise), and {@code Replayer.forAllocator},
     * which replays on a registered allocator named by a string.
     */
    private static final Map<String, Set<String>> KIT_ANSWER_MEMBERS = Map.of(
            "dev/alloclab/core/vec/VecMetadata", Set.of("push", "withCapacity", "free", "of"),
            "dev/alloclab/core/trace/Replayer", Set.of("forAllocator"));

    private CodeReview() {
    }

    /**
     * As {@link #scan(Collection, Set, Set)}, for an exercise's <em>main</em> code: also flags the uses of the kit's
     * own answers ({@link ReviewFlag.Kind#KIT_ANSWER}), which an answer may not delegate to.
     */
    public static List<ReviewFlag> scanMain(Collection<byte[]> classFiles, Set<String> ownClasses,
            Set<String> trustedSources) {
        return scan(classFiles, ownClasses, trustedSources, true);
    }

    /** Whether using {@code member} of {@code owner} ({@code null}: the type) delegates to the kit's own answer. */
    static boolean isKitAnswer(String owner, String member) {
        return KIT_ANSWER_CLASSES.stream().anyMatch(c -> c.endsWith("/") ? owner.startsWith(c)
                        : owner.equals(c) || owner.startsWith(c + "$")) // a builder, a factory: nested types
                || member != null && KIT_ANSWER_MEMBERS.getOrDefault(owner, Set.of()).contains(member);
    }

    /**
     * Whether {@code text} names one of the kit's answers ({@code "dev.alloclab.core.alloc.Allocators"}, a class of
     * {@code dev.alloclab.core.alloc.segregated}): main code has no use for such a string but reflection, and an
     * answer that loads the kit's own allocator by name ({@code Class.forName} and {@code Method.invoke}) forwards to it
     * as surely as one that calls it (QA session 18, left open then).
     */
    static boolean namesKitAnswer(String text) {
        String slashed = text.replace('.', '/');
        return KIT_ANSWER_CLASSES.stream().anyMatch(c -> slashed.contains(c.endsWith("/") ? c.substring(0, c.length() - 1)
                : c));
    }

    /**
     * The flags in {@code classFiles}, in the order met, each place once, at most {@link #MAX_FLAGS}.
     *
     * @param classFiles the class files' bytes
     * @param ownClasses internal names ({@code dev/alloclab/exercises/bump/BumpAllocator}) of every class compiled
     *                   from the submission: using them is always fine
     */
    public static List<ReviewFlag> scan(Collection<byte[]> classFiles, Set<String> ownClasses) {
        return scan(classFiles, ownClasses, Set.of());
    }

    /**
     * As {@link #scan(Collection, Set)}, but classes compiled from {@code trustedSources} (paths such as
     * {@code dev/alloclab/exercises/support/ProgressListener.java}: the starter's own files, unchanged) are
     * not flagged.
     */
    public static List<ReviewFlag> scan(Collection<byte[]> classFiles, Set<String> ownClasses, Set<String> trustedSources) {
        return scan(classFiles, ownClasses, trustedSources, false);
    }

    /**
     * Where {@code classFiles} first use each class whose internal name {@code wanted} accepts: that name, mapped to
     * the place ({@code SegregatedFitsAllocator.java:79}), in the order met. The same walk as the review's, so a
     * call, a {@code new}, a field access, a cast or a class literal all count; {@link dev.alloclab.companion.SiblingPackages} finds an
     * exercise's uses of another exercise's classes this way.
     */
    public static Map<String, String> firstUses(Collection<byte[]> classFiles, Predicate<String> wanted) {
        Map<String, String> uses = new LinkedHashMap<>();
        BiConsumer<String, String> use = (owner, where) -> {
            if (wanted.test(owner)) {
                uses.putIfAbsent(owner, where);
            }
        };
        for (byte[] bytes : classFiles) {
            read(bytes, new ClassScan(new LinkedHashSet<>(), Set.of(), Set.of(), false, use, new MainMethods()));
        }
        return uses;
    }

    private static List<ReviewFlag> scan(Collection<byte[]> classFiles, Set<String> ownClasses,
            Set<String> trustedSources, boolean mainCode) {
        Set<ReviewFlag> flags = new LinkedHashSet<>();
        MainMethods mains = new MainMethods();
        for (byte[] bytes : classFiles) {
            if (flags.size() >= MAX_FLAGS) {
                break;
            }
            read(bytes, new ClassScan(flags, ownClasses, trustedSources, mainCode, (owner, where) -> { }, mains));
        }
        if (mains.called) {
            flags.addAll(mains.kitAnswers); // main is reached from the code the tests run: it counts as that code
        }
        return new ArrayList<>(flags).subList(0, Math.min(flags.size(), MAX_FLAGS));
    }

    private static void read(byte[] bytes, ClassScan scan) {
        try {
            new ClassReader(bytes).accept(scan, ClassReader.SKIP_FRAMES);
        } catch (RuntimeException unreadable) {
            // javac wrote these files; one ASM cannot read is not the student's doing
        }
    }

    /** The kind of using {@code member} of {@code owner} ({@code member} null for the type itself), or null when fine. */
    static ReviewFlag.Kind kindOf(String owner, String member, Set<String> ownClasses) {
        if (owner.startsWith("[")) {
            return null;
        }
        if ("getStackTrace".equals(member) || "getAllStackTraces".equals(member)) {
            // on any throwable or thread, the submission's own exception classes included
            return ReviewFlag.Kind.STACK_INSPECTION;
        }
        if (ownClasses.contains(owner)) {
            return null;
        }
        if (owner.startsWith("java/") || owner.startsWith("javax/")) {
            return jdkKind(owner, member);
        }
        if (owner.startsWith("jdk/jshell/")) {
            return ReviewFlag.Kind.CODE_LOADING;
        }
        if (owner.startsWith("sun/") || owner.startsWith("jdk/") || owner.startsWith("com/sun/")) {
            return ReviewFlag.Kind.UNSAFE;
        }
        if (owner.startsWith("org/jacoco/") || (owner.startsWith("dev/alloclab/") && !owner.startsWith("dev/alloclab/core/"))) {
            return ReviewFlag.Kind.GRADER_INTERNALS;
        }
        if (REFLECTIVE_LIBRARY_PARTS.stream().anyMatch(owner::startsWith)) {
            return ReviewFlag.Kind.REFLECTION;
        }
        return ALLOWED_LIBRARIES.stream().anyMatch(owner::startsWith) ? null : ReviewFlag.Kind.LIBRARY_INTERNALS;
    }

    private static ReviewFlag.Kind jdkKind(String owner, String member) {
        switch (owner) {
            case "java/lang/reflect/Array", "java/lang/reflect/Modifier", "java/net/URI", "java/net/URISyntaxException",
                    "java/net/URLEncoder", "java/net/URLDecoder" -> {
                return null;
            }
            case "java/lang/ClassLoader", "java/net/URLClassLoader", "java/security/SecureClassLoader",
                    "java/lang/ModuleLayer",
                    // each loads and instantiates classes by a name read at run time (a service file, a bean's
                    // class name, a directory entry): code the review may never have seen
                    "java/util/ServiceLoader", "java/util/ServiceLoader$Provider", "java/beans/Beans",
                    "java/beans/XMLDecoder" -> {
                return ReviewFlag.Kind.CODE_LOADING;
            }
            case "java/util/ResourceBundle" -> {
                // getBundle instantiates a ResourceBundle subclass named by its argument
                return "getBundle".equals(member) ? ReviewFlag.Kind.CODE_LOADING : null;
            }
            case "java/lang/Module" -> {
                return ReviewFlag.Kind.REFLECTION;
            }
            case "java/lang/ProcessBuilder", "java/lang/Process", "java/lang/ProcessHandle" -> {
                return ReviewFlag.Kind.PROCESS;
            }
            case "java/lang/Class" -> {
                if ("getClassLoader".equals(member)) {
                    return ReviewFlag.Kind.CODE_LOADING;
                }
                return member != null && REFLECTIVE_CLASS_METHODS.contains(member) ? ReviewFlag.Kind.REFLECTION : null;
            }
            case "java/lang/Thread" -> {
                return "getContextClassLoader".equals(member) || "setContextClassLoader".equals(member)
                        ? ReviewFlag.Kind.CODE_LOADING : null;
            }
            case "java/lang/StackWalker", "java/lang/StackWalker$StackFrame", "java/lang/StackWalker$Option",
                    "java/lang/StackTraceElement" -> {
                return ReviewFlag.Kind.STACK_INSPECTION;
            }
            case "java/lang/System", "java/lang/Runtime" -> {
                if ("load".equals(member) || "loadLibrary".equals(member)) {
                    return ReviewFlag.Kind.CODE_LOADING;
                }
                return "exec".equals(member) ? ReviewFlag.Kind.PROCESS : null;
            }
            default -> {
                // the packages below
            }
        }
        if (owner.startsWith("java/lang/reflect/") || owner.startsWith("java/lang/invoke/")) {
            return ReviewFlag.Kind.REFLECTION;
        }
        if (owner.startsWith("java/lang/instrument/") || owner.startsWith("javax/tools/") || owner.startsWith("javax/script/")
                || owner.startsWith("javax/naming/")) {
            return ReviewFlag.Kind.CODE_LOADING;
        }
        if (owner.startsWith("java/lang/management/") || owner.startsWith("javax/management/")) {
            return ReviewFlag.Kind.UNSAFE;
        }
        if (owner.startsWith("java/net/") || owner.startsWith("java/rmi/") || owner.startsWith("java/nio/channels/spi/")
                || owner.equals("java/nio/channels/SocketChannel") || owner.equals("java/nio/channels/ServerSocketChannel")
                || owner.equals("java/nio/channels/DatagramChannel")
                || owner.startsWith("java/nio/channels/Asynchronous") && owner.endsWith("SocketChannel")) {
            return ReviewFlag.Kind.NETWORK;
        }
        return null;
    }

    /** {@code java/lang/reflect/AccessibleObject} and {@code setAccessible} as a reader writes them. */
    static String readable(String owner, String member) {
        String simple = owner.substring(owner.lastIndexOf('/') + 1).replace('$', '.');
        return member == null || member.equals("<init>") ? (member == null ? simple : "new " + simple) : simple + "." + member;
    }

    /**
     * A student's {@code public static void main(String[])} is a try-out no test runs: a vec tried out on
     * {@code ReferenceAllocator.firstFit} there (the only heap there is outside a test) is not an answer that
     * delegates to the kit (QA owntests27: it withheld the whole exercise). Its uses of the kit's answers wait here,
     * and count as the exercise's after all when any of the student's code calls a {@code main}.
     */
    private static final class MainMethods {
        final List<ReviewFlag> kitAnswers = new ArrayList<>();
        boolean called;
    }

    /** Visits one class: its header, field constants and every method's instructions. */
    private static final class ClassScan extends ClassVisitor {
        private final Set<ReviewFlag> flags;
        private final Set<String> own;
        private final Set<String> trusted;
        /** True for a class compiled from a trusted source: nothing it does is flagged. */
        private boolean skipped;
        private final List<String> supertypes = new ArrayList<>();
        private String className = "";
        private String sourceFile;
        private int line;

        /** True for an exercise's main code, where delegating to the kit's answers is flagged too. */
        private final boolean mainCode;
        /** Told every class used and where ({@link #firstUses}). */
        private final BiConsumer<String, String> uses;
        private final MainMethods mains;
        /** True while the method being visited is a {@code public static void main(String[])}. */
        private boolean inMain;

        ClassScan(Set<ReviewFlag> flags, Set<String> own, Set<String> trusted, boolean mainCode,
                BiConsumer<String, String> uses, MainMethods mains) {
            super(Opcodes.ASM9);
            this.flags = flags;
            this.own = own;
            this.trusted = trusted;
            this.mainCode = mainCode;
            this.uses = uses;
            this.mains = mains;
        }

        private static boolean isMain(String name, String descriptor) {
            return "main".equals(name) && MAIN_DESCRIPTOR.equals(descriptor);
        }

        @Override
        public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
            className = name;
            line = 0;
            if (superName != null) {
                supertypes.add(superName);
            }
            if (interfaces != null) {
                supertypes.addAll(List.of(interfaces));
            }
        }

        @Override
        public void visitSource(String source, String debug) {
            sourceFile = source;
            String pkg = className.lastIndexOf('/') < 0 ? "" : className.substring(0, className.lastIndexOf('/') + 1);
            skipped = source != null && trusted.contains(pkg + source);
            supertypes();
        }

        @Override
        public FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
            supertypes();
            line = 0;
            constant(value);
            return null;
        }

        @Override
        public void visitEnd() {
            supertypes();
        }

        /** The superclass and interfaces, flagged once the source file's name is known (it comes after them). */
        private void supertypes() {
            line = 0;
            supertypes.forEach(this::type);
            supertypes.clear();
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
            supertypes();
            line = 0;
            inMain = isMain(name, descriptor) && (access & Opcodes.ACC_STATIC) != 0 && (access & Opcodes.ACC_PUBLIC) != 0;
            return new MethodVisitor(Opcodes.ASM9) {
                @Override
                public void visitLineNumber(int number, Label start) {
                    line = number;
                }

                @Override
                public void visitMethodInsn(int opcode, String owner, String methodName, String methodDescriptor,
                        boolean isInterface) {
                    if (isMain(methodName, methodDescriptor)) {
                        mains.called = true;
                    }
                    member(owner, methodName);
                }

                @Override
                public void visitFieldInsn(int opcode, String owner, String fieldName, String fieldDescriptor) {
                    member(owner, fieldName);
                }

                @Override
                public void visitTypeInsn(int opcode, String type) {
                    type(type);
                }

                @Override
                public void visitMultiANewArrayInsn(String arrayDescriptor, int dimensions) {
                    constant(Type.getType(arrayDescriptor).getElementType());
                }

                @Override
                public void visitLdcInsn(Object value) {
                    constant(value);
                }

                @Override
                public void visitInvokeDynamicInsn(String indyName, String indyDescriptor, Handle bootstrap,
                        Object... arguments) {
                    if (!JDK_BOOTSTRAPS.contains(bootstrap.getOwner())) {
                        handle(bootstrap);
                    }
                    for (Object argument : arguments) {
                        constant(argument);
                    }
                }
            };
        }

        private void type(String internalName) {
            member(internalName, null);
        }

        private void member(String owner, String name) {
            if (!skipped) {
                uses.accept(owner, where());
            }
            ReviewFlag.Kind kind = kindOf(owner, name, own);
            if (kind == null && mainCode && isKitAnswer(owner, name)) {
                if (inMain) {
                    if (skipped) {
                        return;
                    }
                    mains.kitAnswers.add(new ReviewFlag(ReviewFlag.Kind.KIT_ANSWER, readable(owner, name), where()));
                    return;
                }
                kind = ReviewFlag.Kind.KIT_ANSWER;
            }
            if (kind != null) {
                add(kind, readable(owner, name));
            }
        }

        private void handle(Handle handle) {
            if (isMain(handle.getName(), handle.getDesc())) {
                mains.called = true; // Bump::main
            }
            member(handle.getOwner(), handle.getName());
        }

        private void constant(Object value) {
            if (value instanceof String text) {
                String lower = text.toLowerCase(Locale.ROOT);
                if (GRADER_TEXTS.stream().anyMatch(lower::contains)) {
                    add(ReviewFlag.Kind.GRADER_INTERNALS, "the text \"" + shortened(text) + "\"");
                } else if (mainCode && namesKitAnswer(text)) {
                    add(ReviewFlag.Kind.KIT_ANSWER, "\"" + shortened(text) + "\" by name"); // "your code calls ... by name"
                }
            } else if (value instanceof Type type) {
                if (type.getSort() == Type.OBJECT) {
                    type(type.getInternalName());
                } else if (type.getSort() == Type.ARRAY) {
                    constant(type.getElementType());
                }
            } else if (value instanceof Handle handle) {
                handle(handle);
            } else if (value instanceof ConstantDynamic dynamic) {
                handle(dynamic.getBootstrapMethod());
            }
        }

        private void add(ReviewFlag.Kind kind, String what) {
            if (!skipped && flags.size() < MAX_FLAGS) {
                flags.add(new ReviewFlag(kind, what, where()));
            }
        }

        private String where() {
            return sourceFile == null ? className.replace('/', '.') : sourceFile + (line > 0 ? ":" + line : "");
        }

        private static String shortened(String text) {
            return text.length() <= 40 ? text : text.substring(0, 40) + "...";
        }
    }
}
