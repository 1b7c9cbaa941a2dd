package dev.alloclab.grader.compile;

import dev.alloclab.core.course.Exercise;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The hidden suites: test sources that ship inside the grader jar (resources under
 * {@code dev/alloclab/grader/hidden/}, listed in {@code index.txt}; a line {@code pkg/@Helper.java}
 * takes {@code _shared/Helper.java} into that exercise's package) and are compiled at grading time
 * against each submission, in package {@code dev.alloclab.hidden.<pkg>}. They are never compiled
 * into the grader, never copied into a student starter, and their text never appears in feedback.
 *
 * <p>INTERNAL.
 */
public final class HiddenSuites {
    static final String BASE = "dev/alloclab/grader/hidden/";
    /** The package the hidden suites of an exercise live in. */
    public static final String ROOT_PACKAGE = "dev.alloclab.hidden";

    /**
     * The one hidden test whose report entries ({@code alloclab.utilization}, {@code alloclab.kops},
     * {@code alloclab.trace.*}) the grader scores, as {@code class#method}: entries published by any other test
     * are dropped in the grading JVM, so student code cannot forge the performance figures.
     */
    public static final String PERFORMANCE_TEST = ROOT_PACKAGE
            + ".segregated.SegregatedHiddenTest#performance_is_measured_on_the_kit_trace_suite";

    private HiddenSuites() {
    }

    /** The hidden tests of {@code exercise} whose report entries count ({@code class#method}); empty for most. */
    public static List<String> reportingTests(Exercise exercise) {
        String suitePackage = ROOT_PACKAGE + "." + exercise.packageName() + ".";
        return PERFORMANCE_TEST.startsWith(suitePackage) ? List.of(PERFORMANCE_TEST) : List.of();
    }

    /**
     * {@code text} with every place in a hidden suite's source ({@code ImplicitListHiddenTest$Walked.dealloc
     * (ImplicitListHiddenTest.java:281)}, or the bare {@code (Workout.java:40)}) said as "the grader's test code": the
     * feedback never shows the suites' files, lines or inner classes. The kit's own sentences name the student's
     * lines, not the suites'; this is the net under them.
     */
    public static String withoutSourceLines(String text) {
        return text == null ? null : SourceLinePattern.OF_SUITES.matcher(text).replaceAll("the grader's test code");
    }

    /** The pattern of a place in any hidden suite's file, built once from the index. */
    private static final class SourceLinePattern {
        static final java.util.regex.Pattern OF_SUITES = java.util.regex.Pattern.compile(
                "(?:[\\w$]+(?:\\.[\\w$<>]+)+ )?\\((?:" + String.join("|", index().values().stream().flatMap(List::stream)
                        .map(name -> name.substring(name.lastIndexOf('/') + 1).replace("@", "")
                                .replaceFirst("\\.java$", ""))
                        .distinct().map(java.util.regex.Pattern::quote).toList()) + ")\\.java:\\d+\\)");
    }

    /** Relative resource names per exercise package, from the index. */
    public static Map<String, List<String>> index() {
        Map<String, List<String>> index = new LinkedHashMap<>();
        try (InputStream in = open("index.txt");
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String pkg = line.substring(0, line.indexOf('/'));
                index.computeIfAbsent(pkg, k -> new ArrayList<>()).add(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return index;
    }

    /** The sources of one exercise's hidden suite (display name, text). */
    static List<JavaCompilation.Source> sourcesFor(Exercise exercise) {
        List<JavaCompilation.Source> sources = new ArrayList<>();
        for (String name : index().getOrDefault(exercise.packageName(), List.of())) {
            String file = name.substring(name.lastIndexOf('/') + 1);
            // "pkg/@Helper.java": a helper shared by several suites, compiled into each one's package
            boolean shared = file.startsWith("@");
            String resource = shared ? "_shared/" + file.substring(1) : name;
            try (InputStream in = open(resource)) {
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                if (shared) {
                    text = text.replace("package " + ROOT_PACKAGE + ".shared;", "package " + ROOT_PACKAGE + "." + exercise.packageName() + ";");
                }
                sources.add(JavaCompilation.Source.text("hidden suite " + exercise.id() + "/" + file.replace("@", ""), text));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return sources;
    }

    private static InputStream open(String name) throws IOException {
        InputStream in = HiddenSuites.class.getClassLoader().getResourceAsStream(BASE + name);
        if (in == null) {
            throw new IOException("the grader jar lacks its hidden suite file " + BASE + name
                    + " (a broken build of the grader)");
        }
        return in;
    }
}
