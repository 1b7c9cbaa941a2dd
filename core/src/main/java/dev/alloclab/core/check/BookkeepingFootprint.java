package dev.alloclab.core.check;

import dev.alloclab.core.Checks;
import dev.alloclab.core.KitException;
import dev.alloclab.core.memory.HeapBytes;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.ref.Reference;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.InaccessibleObjectException;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.Buffer;
import java.nio.CharBuffer;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.ShortBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * How many bytes of Java objects an allocator keeps <em>outside</em> its heap: its fields, the arrays and
 * collections they hold, and the static fields of the classes given.
 *
 * <p>Why: Malloc Lab's rule is that an allocator's bookkeeping lives in the heap it manages, where every byte
 * counts against utilization (peak payload / heap size). An allocator that keeps its block sizes in a
 * {@code HashMap} instead of in headers needs no headers at all and reports a utilization no honest allocator
 * can reach. A fixed handful of list heads and scalars in fields is allowed (the exercises say so); state that
 * grows with the number of blocks is not. Measured at a trace's peak, the difference is plain: the kit's
 * allocators hold a few hundred bytes, a per-block map tens or hundreds of KiB.
 *
 * <p>The estimate is deliberately simple, a lower bound of what the JVM really spends: 16 bytes per object
 * plus 8 per field; arrays 16 bytes plus their elements' size; JDK collections and maps 32 and 48 bytes per
 * element; a {@link BitSet} its bits / 8; an NIO buffer its capacity; a string its characters. Objects reached
 * twice count once. The heap the allocator manages is not counted. The walk stops once it has counted
 * {@code stopAbove} bytes.
 *
 * <p>The JDK's own fields cannot be read from outside the JDK (Java 17 keeps {@code java.base} closed, and opening
 * it to student code is not an option), so a JDK object is measured through its public methods: collections and
 * maps by their size and elements, the reference holders ({@link AtomicReference}, {@link AtomicReferenceArray},
 * {@link Reference}, {@link ThreadLocal}, {@link Optional}, {@link Map.Entry}) by what they hold, the atomic arrays by
 * their length. Values (strings, boxed numbers, {@code BigInteger}, enums, atomic scalars, {@code Random}) and JDK
 * objects without instance fields hold nothing more. Any other JDK object could hide anything (a per-block map
 * inside it was counted as 16 bytes: QA session 18, hostile 3), so it is not guessed at: the walk throws
 * {@link Unmeasurable}, naming where it was found. A class of the submission that <em>extends</em> a JDK class is
 * its own fields plus the JDK superclass's part, measured the same way; the superclass's methods are called as
 * the superclass defines them, never through the submission's overrides (a {@code size()} that returns 0).
 */
public final class BookkeepingFootprint {
    /**
     * JDK classes whose instances are values, or (the locks) hold only threads: no state that could grow with the
     * blocks.
     */
    private static final Set<Class<?>> VALUES = Set.of(Boolean.class, Character.class, Byte.class, Short.class,
            Integer.class, Long.class, Float.class, Double.class, BigInteger.class, BigDecimal.class,
            AtomicBoolean.class, AtomicInteger.class, AtomicLong.class, LongAdder.class, DoubleAdder.class,
            Random.class, UUID.class, ReentrantLock.class, ReentrantReadWriteLock.class);
    /** How many labels a path names before it is shortened (a linked list's path grows with the list). */
    private static final int PATH_STEPS = 8;

    private final Object root;
    private final HeapBytes managed;
    private final List<Class<?>> staticsOf;
    /** Each object met, with how it was reached (null for the managed heap). */
    private final IdentityHashMap<Object, Step> seen = new IdentityHashMap<>();
    private final Deque<Object> toVisit = new ArrayDeque<>();
    private long bytes;
    private long stopAbove;

    /** How an object was reached: from {@code parent} (null for a root) through {@code label}. */
    private record Step(Object parent, String label) {
    }

    /**
     * The walk met a JDK object whose contents cannot be read from outside the JDK and that is not one of the types
     * it knows how to measure: the footprint would be a guess. The message names the path to it from the allocator
     * (or the static field) and says what to do.
     */
    public static final class Unmeasurable extends KitException {
        private static final long serialVersionUID = 1L;

        Unmeasurable(String path, Class<?> type) {
            super("your allocator holds a " + type.getName() + " at " + path + ": a JDK object whose contents cannot "
                    + "be measured from outside the JDK, so its Java state cannot be checked against the limit. Keep "
                    + "block bookkeeping (sizes, free lists) in the heap, and in fields only list heads and scalars "
                    + "(ints, arrays of ints, your own small objects)");
        }
    }

    private BookkeepingFootprint(Object root, HeapBytes managed, List<Class<?>> staticsOf) {
        this.root = Checks.notNull(root, "root");
        this.managed = managed;
        this.staticsOf = List.copyOf(Checks.notNull(staticsOf, "staticsOf"));
    }

    /**
     * The estimated bytes reachable from {@code allocator}'s fields and from the static fields of
     * {@code staticsOf}, not counting {@code managed} (the allocator's own heap) and what it holds; at least
     * {@code stopAbove} when there are more (the walk stops there).
     *
     * @throws Unmeasurable when the walk meets a JDK object it cannot measure (see the class comment)
     */
    public static long of(Object allocator, HeapBytes managed, List<Class<?>> staticsOf, long stopAbove) {
        return new BookkeepingFootprint(allocator, managed, staticsOf).walk(stopAbove);
    }

    private long walk(long limit) {
        stopAbove = limit;
        if (managed != null) {
            seen.put(managed, new Step(null, "the managed heap"));
        }
        push(root, null, root.getClass().getSimpleName());
        for (Class<?> type : staticsOf) {
            for (Field field : fieldsOf(type, true)) {
                bytes += 8;
                push(read(field, null), null, type.getSimpleName() + "." + field.getName());
            }
        }
        while (!toVisit.isEmpty() && bytes <= stopAbove) {
            visit(toVisit.pop());
        }
        return bytes;
    }

    private void push(Object value, Object parent, String label) {
        if (value != null && !(value instanceof Class<?>) && !seen.containsKey(value)) {
            seen.put(value, new Step(parent, label));
            toVisit.push(value);
        }
    }

    private void visit(Object object) {
        Class<?> type = object.getClass();
        if (type.isArray()) {
            int length = Array.getLength(object);
            Class<?> component = type.getComponentType();
            bytes += 16 + (long) length * elementBytes(component);
            if (!component.isPrimitive()) {
                Object[] elements = (Object[]) object;
                for (int i = 0; i < elements.length; i++) {
                    push(elements[i], object, "[" + i + "]");
                }
            }
        } else if (isJdk(type)) {
            bytes += 16;
            jdkPart(object, type, null);
        } else {
            List<Field> fields = fieldsOf(type, false);
            bytes += 16 + 8L * fields.size();
            for (Field field : fields) {
                if (!field.getType().isPrimitive()) {
                    push(read(field, object), object, "." + field.getName());
                }
            }
            Class<?> lowest = type;
            while (!isJdk(lowest.getSuperclass())) {
                lowest = lowest.getSuperclass();
            }
            if (lowest.getSuperclass() != Object.class) {
                jdkPart(object, lowest.getSuperclass(), lowest);
            }
        }
    }

    /**
     * What {@code object} holds as an instance of the JDK class {@code jdk}: its own class, or the JDK superclass of
     * a class of the submission ({@code lowest}: the submission's class that extends it, whose overrides are
     * bypassed; null for a JDK object, whose methods are the JDK's own).
     */
    private void jdkPart(Object object, Class<?> jdk, Class<?> lowest) {
        if (object instanceof Map<?, ?> map) {
            long size = lowest == null ? map.size() : sizeAs(object, jdk, lowest);
            bytes += 48 * size;
            Object entries = size == 0 ? null : lowest == null ? map.entrySet() : callAs(object, jdk, lowest, "entrySet", Set.class);
            if (entries instanceof Set<?> set) {
                pushEach(set.iterator(), size, object, " entry");
            }
        } else if (object instanceof Collection<?> collection) {
            long size = lowest == null ? collection.size() : sizeAs(object, jdk, lowest);
            bytes += 32 * size;
            Object elements = size == 0 ? null : lowest == null ? collection.iterator()
                    : callAs(object, jdk, lowest, "iterator", Iterator.class);
            if (elements instanceof Iterator<?> iterator) {
                pushEach(iterator, size, object, " element");
            }
        } else if (object instanceof BitSet bits) {
            bytes += (lowest == null ? bits.size() : sizeAs(object, jdk, lowest)) / 8;
        } else if (object instanceof Buffer buffer) {
            // capacity() is final: a subclass cannot hide what it holds
            bytes += (long) buffer.capacity() * bufferElementBytes(buffer);
        } else if (object instanceof CharSequence text && lowest == null) {
            bytes += 2L * text.length();
        } else if (object instanceof Map.Entry<?, ?> entry) {
            push(lowest == null ? entry.getKey() : callAs(object, jdk, lowest, "getKey", Object.class), object, ".getKey()");
            push(lowest == null ? entry.getValue() : callAs(object, jdk, lowest, "getValue", Object.class), object,
                    ".getValue()");
        } else if (object instanceof AtomicReference<?> reference) {
            push(reference.get(), object, ".get()"); // final: no override to bypass
        } else if (object instanceof AtomicReferenceArray<?> array) {
            bytes += 4L * array.length(); // length() and get(int) are final
            for (int i = 0; i < array.length(); i++) {
                push(array.get(i), object, ".get(" + i + ")");
            }
        } else if (object instanceof AtomicIntegerArray array) {
            bytes += 4L * array.length();
        } else if (object instanceof AtomicLongArray array) {
            bytes += 8L * array.length();
        } else if (object instanceof Reference<?> reference) {
            push(lowest == null ? reference.get() : callAs(object, jdk, lowest, "get", Object.class), object, ".get()");
        } else if (object instanceof ThreadLocal<?> local) {
            push(lowest == null ? local.get() : callAs(object, jdk, lowest, "get", Object.class), object, ".get()");
        } else if (object instanceof Optional<?> optional) {
            push(optional.orElse(null), object, ".get()");
        } else if (object instanceof BigInteger number) {
            bytes += number.bitLength() / 8;
        } else if (!VALUES.contains(jdk) && !(object instanceof Enum<?>) && hasInstanceFields(jdk)) {
            throw new Unmeasurable(path(object), jdk);
        }
    }

    /** Pushes what {@code iterator} yields, at most {@code size} elements and only while under the limit. */
    private void pushEach(Iterator<?> iterator, long size, Object parent, String label) {
        for (long i = 0; i < size && bytes <= stopAbove && iterator.hasNext(); i++) {
            Object element = iterator.next();
            if (element instanceof Map.Entry<?, ?> entry && isJdk(entry.getClass())) {
                push(entry.getKey(), parent, " key");
                push(entry.getValue(), parent, " value");
            } else {
                push(element, parent, label);
            }
        }
    }

    /** {@code jdk}'s own {@code size()} on a subclass; 0 when it cannot be called (abstract, as in AbstractList). */
    private static long sizeAs(Object object, Class<?> jdk, Class<?> lowest) {
        return callAs(object, jdk, lowest, "size", int.class) instanceof Integer count ? Math.max(0, count) : 0;
    }

    /**
     * {@code jdk}'s no-argument method {@code name} called on {@code object} as {@code jdk} defines it: an
     * invokespecial from {@code lowest}, the submission's class that extends {@code jdk}, so no override of the
     * submission's runs. Null when it cannot be called (an abstract method, a lookup refused).
     */
    private static Object callAs(Object object, Class<?> jdk, Class<?> lowest, String name, Class<?> returns) {
        try {
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(lowest, MethodHandles.lookup());
            return lookup.findSpecial(jdk, name, MethodType.methodType(returns), lowest).invoke(object);
        } catch (Throwable uncallable) {
            return null;
        }
    }

    /** Whether {@code jdk} or a superclass declares an instance field (read from the class, never from an object). */
    private static boolean hasInstanceFields(Class<?> jdk) {
        for (Class<?> c = jdk; c != null; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (!Modifier.isStatic(field.getModifiers())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** How the walk reached {@code object}: {@code SegregatedFitsAllocator.sizes.get()}, shortened when long. */
    private String path(Object object) {
        List<String> labels = new ArrayList<>();
        for (Object at = object; at != null; ) {
            Step step = seen.get(at);
            if (step == null) {
                break;
            }
            labels.add(step.label());
            at = step.parent();
        }
        Collections.reverse(labels);
        if (labels.size() > PATH_STEPS) {
            List<String> shortened = new ArrayList<>(labels.subList(0, PATH_STEPS / 2));
            shortened.add(" ...");
            shortened.addAll(labels.subList(labels.size() - PATH_STEPS / 2, labels.size()));
            labels = shortened;
        }
        return String.join("", labels);
    }

    private static long bufferElementBytes(Buffer buffer) {
        if (buffer instanceof LongBuffer || buffer instanceof DoubleBuffer) {
            return 8;
        }
        if (buffer instanceof IntBuffer || buffer instanceof FloatBuffer) {
            return 4;
        }
        return buffer instanceof ShortBuffer || buffer instanceof CharBuffer ? 2 : 1;
    }

    private static long elementBytes(Class<?> component) {
        if (component == long.class || component == double.class) {
            return 8;
        }
        if (component == int.class || component == float.class) {
            return 4;
        }
        if (component == short.class || component == char.class) {
            return 2;
        }
        return component == byte.class || component == boolean.class ? 1 : 4;
    }

    private static boolean isJdk(Class<?> type) {
        String name = type.getName();
        return name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.") || name.startsWith("sun.");
    }

    /** The instance ({@code statics} false) or static fields of {@code type} and its superclasses outside the JDK. */
    private static List<Field> fieldsOf(Class<?> type, boolean statics) {
        List<Field> fields = new java.util.ArrayList<>();
        for (Class<?> c = type; c != null && !isJdk(c); c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers()) == statics && !field.isSynthetic()) {
                    fields.add(field);
                }
            }
            if (statics) {
                break;
            }
        }
        return fields;
    }

    private static Object read(Field field, Object owner) {
        try {
            field.setAccessible(true);
            return field.get(owner);
        } catch (IllegalAccessException | InaccessibleObjectException | SecurityException e) {
            return null;
        }
    }
}
