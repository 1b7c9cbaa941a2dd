package dev.alloclab.grader.compile;

import dev.alloclab.core.course.Curriculum;
import dev.alloclab.core.course.Exercise;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.StandardJavaFileManager;

/**
 * Compiles the shared code of a submission (main or test sources outside the exercise packages), leaving out the
 * files that use an exercise's classes, each with a note.
 *
 * <p>Why: the grader compiles the shared code first, with no exercise on the class path, so that each exercise can
 * then be compiled and loaded on its own with it. A shared file that uses an exercise's classes (a playground
 * {@code Main.java} in the default package trying out bump and vec, a test in {@code dev.alloclab.exercises}
 * comparing two allocators) cannot compile that way, although {@code mvn test} and the IDE, which compile everything
 * together, accept it. Its errors used to be charged to every exercise: a playground zeroed the whole submission,
 * and a comparison test failed the starter's test support, so every exercise lost its coverage points. Now such a
 * file is left out (with every shared file that needs it), the rest of the shared code compiles without it, and only
 * an exercise whose own code needs a left-out file gets a compile error ({@link LeftOut#sentence}). A shared file
 * whose errors are its own (no exercise involved) still fails every exercise, as before: the exercises need it.
 *
 * <p>INTERNAL.
 */
final class SharedCodeCompile {
    /** javac's "package dev.alloclab.exercises.bump does not exist" (or of a sub-package of it). */
    private static final Pattern MISSING_PACKAGE = Pattern.compile("package (\\S+) does not exist");
    /** An import of an exercise's package, static or not: {@code import dev.alloclab.exercises.vec.IntVec;}. */
    private static final Pattern IMPORT = Pattern.compile(
            "^\\s*import\\s+(?:static\\s+)?dev\\s*\\.\\s*alloclab\\s*\\.\\s*exercises\\s*\\.\\s*(\\w+)", Pattern.MULTILINE);
    private static final Pattern PACKAGE_LINE = Pattern.compile("^\\s*package\\s+([\\w.\\s]+?)\\s*;", Pattern.MULTILINE);

    /**
     * A shared file the grader left out.
     *
     * @param file        its name as the report shows it ({@code src/main/java/Main.java})
     * @param javaPackage its package, empty for the default package
     * @param className   its class's simple name (the file's name without {@code .java})
     * @param uses        the exercises whose classes it uses (empty when it was left out because it needs {@code needs})
     * @param needs       the left-out file it needs, or null
     * @param test        whether it is test code ({@code src/test/java})
     */
    record LeftOut(String file, String javaPackage, String className, List<Exercise> uses, String needs, boolean test) {
        LeftOut {
            uses = List.copyOf(uses);
        }

        /** The report's note: which file, what it uses, why the grader cannot compile it, what to do. */
        String note() {
            String code = test ? "test code" : "code";
            if (needs != null) {
                return file + " uses " + needs + ", which the grader left out (see the note above), so it left out "
                        + file + " too. Move both into an exercise's package, or delete them.";
            }
            String what = uses.size() == 1 ? "the exercise " + uses.get(0).id()
                    : "the exercises " + joined(uses.stream().map(Exercise::id).toList());
            String advice = uses.size() == 1
                    ? "Move it into " + uses.get(0).javaPackage() + " (" + folder() + uses.get(0).javaPackage()
                            .replace('.', '/') + "/), or delete it."
                    : "Delete it, or split it into one file per exercise, each in that exercise's package (an "
                            + "exercise's code may use only its own package).";
            return file + " uses " + what + ": " + code + " outside the exercise packages is compiled before any "
                    + "exercise, so it cannot use their classes (mvn test and your IDE compile everything together, "
                    + "so they accept it); the grader left it out" + (test ? " and did not run its tests" : "")
                    + ". " + advice;
        }

        /**
         * The line added to the compile errors of an exercise whose code needs this file, right after the first error
         * that names it.
         */
        String sentence() {
            return file + " was left out of the grade, and this exercise's " + (test ? "tests need" : "code needs")
                    + " it: " + (needs != null ? "it uses " + needs + ", which uses an exercise's classes"
                    : "it uses " + (uses.size() == 1 ? "the exercise " : "the exercises ")
                            + joined(uses.stream().map(Exercise::id).toList()))
                    + ", and code outside the exercise packages cannot (see the Notes at the end of the report)";
        }

        /**
         * Whether javac's error (joined to one line) is about this file's class missing: "cannot find symbol ...
         * class Helper", "package dev.alloclab.support does not exist". A class of the default package can be used
         * by no class in a package, so no other file's error is about it.
         */
        boolean namedIn(String error) {
            if (javaPackage.isEmpty()) {
                return false;
            }
            Matcher missing = MISSING_PACKAGE.matcher(error);
            while (missing.find()) {
                if (missing.group(1).equals(javaPackage)) {
                    return true;
                }
            }
            return Pattern.compile("symbol:\\s+class " + Pattern.quote(className) + "\\b").matcher(error).find()
                    || Pattern.compile("\\b" + Pattern.quote(javaPackage + "." + className) + "\\b").matcher(error).find();
        }

        private String folder() {
            return test ? "src/test/java/" : "src/main/java/";
        }
    }

    /** The errors of the shared code that was compiled (empty: it compiled), and the files left out of it. */
    record Result(List<String> errors, List<LeftOut> leftOut) {
        Result {
            errors = List.copyOf(errors);
            leftOut = List.copyOf(leftOut);
        }

        /**
         * {@code errors} (one exercise's, javac's lines) with {@link LeftOut#sentence} after the first error that
         * names each left-out file; as they were when none does.
         */
        List<String> explain(List<String> errors) {
            List<String> explained = new ArrayList<>(errors);
            for (LeftOut l : leftOut) {
                for (int i = 0; i < explained.size(); i++) {
                    if (l.namedIn(explained.get(i))) {
                        explained.add(i + 1, l.sentence());
                        break;
                    }
                }
            }
            return explained;
        }
    }

    private SharedCodeCompile() {
    }

    /**
     * Compiles {@code sources} into {@code out}; when javac finds errors, leaves out the files whose errors name an
     * exercise's package (or that import one), and then the files that need a file left out, and compiles the
     * rest again, until a call is clean or every remaining error is the file's own.
     */
    static Result compile(StandardJavaFileManager files, List<JavaCompilation.Source> sources, List<Path> classpath,
            Path out, boolean test) {
        List<JavaCompilation.Source> kept = new ArrayList<>(sources);
        Map<String, LeftOut> left = new LinkedHashMap<>();
        List<JavaCompilation.Error> found = JavaCompilation.compile(files, kept, classpath, out);
        while (!found.isEmpty()) {
            List<LeftOut> now = new ArrayList<>();
            for (JavaCompilation.Source source : kept) {
                List<String> own = found.stream().filter(e -> source.displayName().equals(e.source()))
                        .map(JavaCompilation.Error::message).toList();
                if (own.isEmpty()) {
                    continue;
                }
                String text = text(source);
                List<Exercise> used = exercisesUsed(own, text);
                String javaPackage = packageOf(text);
                String className = className(source.displayName());
                if (!used.isEmpty()) {
                    now.add(new LeftOut(source.displayName(), javaPackage, className, used, null, test));
                } else {
                    left.values().stream().filter(l -> own.stream().anyMatch(l::namedIn)).findFirst().ifPresent(l ->
                            now.add(new LeftOut(source.displayName(), javaPackage, className, List.of(), l.file(), test)));
                }
            }
            if (now.isEmpty()) {
                break;
            }
            now.forEach(l -> left.put(l.file(), l));
            kept.removeIf(s -> left.containsKey(s.displayName()));
            deleteTree(out); // nothing of the failed call may stay on the class path
            found = JavaCompilation.compile(files, kept, classpath, out);
        }
        return new Result(found.stream().map(JavaCompilation.Error::toString).toList(), List.copyOf(left.values()));
    }

    /**
     * The exercises a file uses: named by its errors ("package dev.alloclab.exercises.bump does not exist"), its
     * imports, or its own package line (a bump test saved one folder too high keeps {@code package
     * dev.alloclab.exercises.bump;} and uses bump's classes without an import).
     */
    private static List<Exercise> exercisesUsed(List<String> errors, String text) {
        Set<Exercise> used = new LinkedHashSet<>();
        exerciseOf(packageOf(text)).ifPresent(used::add);
        for (String error : errors) {
            Matcher m = MISSING_PACKAGE.matcher(error);
            while (m.find()) {
                exerciseOf(m.group(1)).ifPresent(used::add);
            }
        }
        Matcher imports = IMPORT.matcher(text);
        while (imports.find()) {
            exerciseOf("dev.alloclab.exercises." + imports.group(1)).ifPresent(used::add);
        }
        return used.stream().sorted(Comparator.comparingInt(Exercise::order)).toList();
    }

    private static java.util.Optional<Exercise> exerciseOf(String javaPackage) {
        return Curriculum.exercises().stream().filter(e -> javaPackage.equals(e.javaPackage())
                || javaPackage.startsWith(e.javaPackage() + ".")).findFirst();
    }

    private static String packageOf(String text) {
        Matcher m = PACKAGE_LINE.matcher(withoutComments(text));
        return m.find() ? m.group(1).replaceAll("\\s", "") : "";
    }

    /** The source without its comments, so that a commented-out package line is not read as the package. */
    private static String withoutComments(String text) {
        return text.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("//[^\\n]*", "");
    }

    private static String className(String displayName) {
        String name = displayName.substring(displayName.lastIndexOf('/') + 1);
        return name.endsWith(".java") ? name.substring(0, name.length() - ".java".length()) : name;
    }

    /** The source's text for the scans above; bytes that are not UTF-8 as Latin-1 (the scans look for ASCII only). */
    private static String text(JavaCompilation.Source source) {
        if (source.text() != null) {
            return source.text();
        }
        try {
            return new String(Files.readAllBytes(source.file()), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return "";
        }
    }

    private static String joined(List<String> names) {
        return names.size() == 1 ? names.get(0)
                : String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
