package dev.alloclab.grader;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.jacoco.core.analysis.IClassCoverage;
import org.jacoco.core.analysis.ICounter;
import org.jacoco.core.analysis.IMethodCoverage;

/**
 * What a student's own tests never ran, named so that the student can act on it:
 * {@code BumpAllocator.usableSize} for a method no test called, {@code BumpAllocator.alloc lines 41-44} for the
 * lines of a called method that never ran, and {@code a branch not taken at line 39} for an {@code if} whose
 * tests always went the same way.
 *
 * <p>Why: "your tests cover 47% of lines" says how much is missing but not where, and the student cannot measure
 * it in the grader's JVM. The items come from JaCoCo's per-line analysis of the student's own main classes (never
 * of a hidden suite). A lambda's lines count as its enclosing method's, and overloads share one item: the student
 * looks for a name in the source, and the line numbers say which one.
 */
final class NotReached {
    /** Line ranges named per method before "...". */
    private static final int RANGES = 4;

    private NotReached() {
    }

    /** The items for {@code classes}, unreached methods first (in class and line order), then partly reached ones. */
    static List<String> of(Collection<IClassCoverage> classes) {
        Map<String, Method> methods = new LinkedHashMap<>();
        classes.stream().sorted(java.util.Comparator.comparing(IClassCoverage::getName)).forEach(c -> {
            for (IMethodCoverage m : c.getMethods()) {
                if (m.getLineCounter().getTotalCount() == 0) {
                    continue; // no line of its own (filtered or generated)
                }
                String name = displayName(c.getName(), enclosingMethod(m.getName()));
                Method method = methods.computeIfAbsent(name, Method::new);
                for (int line = m.getFirstLine(); line <= m.getLastLine() && line >= 0; line++) {
                    switch (m.getLine(line).getStatus()) {
                        case ICounter.NOT_COVERED -> method.missed.add(line);
                        case ICounter.PARTLY_COVERED -> {
                            method.ran = true;
                            if (m.getLine(line).getBranchCounter().getMissedCount() > 0) {
                                method.branchMissed.add(line);
                            } else {
                                method.missed.add(line); // a line whose code ran only in part
                            }
                        }
                        case ICounter.FULLY_COVERED -> method.ran = true;
                        default -> { }
                    }
                }
            }
        });
        List<String> unreached = new ArrayList<>();
        List<String> partly = new ArrayList<>();
        for (Method m : methods.values()) {
            if (!m.ran) {
                unreached.add(m.name);
            } else if (!m.missed.isEmpty() || !m.branchMissed.isEmpty()) {
                List<String> what = new ArrayList<>();
                if (!m.missed.isEmpty()) {
                    what.add((m.missed.size() == 1 ? "line " : "lines ") + ranges(m.missed));
                }
                if (!m.branchMissed.isEmpty()) {
                    what.add((m.branchMissed.size() == 1 ? "a branch not taken at line " : "branches not taken at lines ")
                            + ranges(m.branchMissed));
                }
                partly.add(m.name + " " + String.join(" and ", what));
            }
        }
        unreached.addAll(partly);
        return unreached;
    }

    /** One method (its overloads and lambdas folded in) as the student knows it. */
    private static final class Method {
        final String name;
        final TreeSet<Integer> missed = new TreeSet<>();
        final TreeSet<Integer> branchMissed = new TreeSet<>();
        boolean ran;

        Method(String name) {
            this.name = name;
        }
    }

    /** {@code alloc} for the lambda {@code lambda$alloc$0}; any other name as it is. */
    static String enclosingMethod(String name) {
        if (name.startsWith("lambda$")) {
            int end = name.indexOf('$', "lambda$".length());
            String enclosing = end < 0 ? name : name.substring("lambda$".length(), end);
            return switch (enclosing) {
                case "new" -> "<init>";
                case "static" -> "<clinit>";
                default -> enclosing;
            };
        }
        return name;
    }

    /**
     * {@code BumpAllocator.alloc} for {@code dev/alloclab/exercises/bump/BumpAllocator} and {@code alloc};
     * constructors and static initializers in words, nested classes with a dot.
     */
    static String displayName(String internalClassName, String method) {
        String simple = internalClassName.substring(internalClassName.lastIndexOf('/') + 1)
                .replaceAll("\\$(\\d+)", ".(anonymous class $1)").replace('$', '.');
        return switch (method) {
            case "<init>" -> "the constructor of " + simple;
            case "<clinit>" -> "the static initializer of " + simple;
            default -> simple + "." + method;
        };
    }

    /** {@code 41-44, 47} for lines 41, 42, 43, 44 and 47; the first {@link #RANGES} ranges, then "...". */
    static String ranges(TreeSet<Integer> lines) {
        List<String> out = new ArrayList<>();
        Integer start = null;
        Integer previous = null;
        for (int line : lines) {
            if (previous != null && line == previous + 1) {
                previous = line;
                continue;
            }
            if (start != null) {
                out.add(start.equals(previous) ? String.valueOf(start) : start + "-" + previous);
            }
            start = line;
            previous = line;
        }
        if (start != null) {
            out.add(start.equals(previous) ? String.valueOf(start) : start + "-" + previous);
        }
        return out.size() > RANGES ? String.join(", ", out.subList(0, RANGES)) + ", ..." : String.join(", ", out);
    }
}
