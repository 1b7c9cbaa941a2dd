package dev.alloclab.companion;

import dev.alloclab.companion.review.CodeReview;
import dev.alloclab.core.course.Curriculum;
import dev.alloclab.core.course.Exercise;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rule that each exercise is compiled on its own, said where a student breaks it: code of one exercise that
 * uses another exercise's package ({@code SegregatedFitsAllocator} reusing {@code implicitlist}'s allocator).
 *
 * <p>The tools see it differently, and each said something else before: {@code alloclab check} compiles one
 * exercise, so javac says "package dev.alloclab.exercises.implicitlist does not exist" (it does exist, in the
 * student's editor); the grader compiles every exercise's main code in one call and loads each exercise alone, so
 * every hidden test died of {@code NoClassDefFoundError}; {@code mvn test} compiles everything together and passes.
 * All of them now say the one {@link #sentence sentence} below, which names the file, the line and what to do.
 *
 * <p>INTERNAL.
 */
public final class SiblingPackages {
    /** javac's message for a package it cannot see, after {@code file:line: }. */
    private static final Pattern MISSING_PACKAGE = Pattern.compile("(.*\\.java):(\\d+): package (\\S+) does not exist");

    private SiblingPackages() {
    }

    /**
     * {@code "SegregatedFitsAllocator.java:77 uses dev.alloclab.exercises.implicitlist, another exercise's package:
     * each exercise is compiled on its own, so copy what you need into this exercise's package (or a helper outside
     * the exercise packages)"}.
     *
     * @param where       the file's name and the line of its first use ({@code SegregatedFitsAllocator.java:77})
     * @param javaPackage the other exercise's package
     */
    public static String sentence(String where, String javaPackage) {
        return where + " uses " + javaPackage + ", another exercise's package: each exercise is compiled on its own, so "
                + "copy what you need into this exercise's package (or a helper outside the exercise packages)";
    }

    /**
     * The {@link #sentence sentence} for each other exercise's package that {@code mainClasses} (one exercise's
     * compiled main code) use, at its first use; empty when they use none. The grader's way: it compiles every
     * exercise's main code in one javac call, where the other package is there, then loads each exercise alone.
     */
    public static List<String> usedBy(Collection<byte[]> mainClasses, Exercise own) {
        Map<String, String> firstUse = new LinkedHashMap<>();
        CodeReview.firstUses(mainClasses, owner -> otherExercise(owner, own).isPresent()).forEach((owner, where) ->
                firstUse.putIfAbsent(otherExercise(owner, own).orElseThrow().javaPackage(), where));
        List<String> sentences = new ArrayList<>();
        firstUse.forEach((javaPackage, where) -> sentences.add(sentence(where, javaPackage)));
        return sentences;
    }

    /**
     * The exercise whose package {@code className} (dotted or internal: {@code dev/alloclab/exercises/bump/X}) is in,
     * when that is not {@code own}'s; empty for {@code own}'s classes and for every class outside the exercises.
     */
    public static Optional<Exercise> otherExercise(String className, Exercise own) {
        String dotted = className.replace('/', '.');
        return Curriculum.exercises().stream().filter(e -> !e.equals(own))
                .filter(e -> dotted.startsWith(e.javaPackage() + ".")).findFirst();
    }

    /**
     * For {@code mvn test} and {@code progress}, which compile every exercise together, so that such code compiles
     * and runs there: one line per exercise whose compiled main code under {@code mainClasses} (a class folder such as
     * {@code target/alloclab-companion/classes}) uses another exercise's package, saying that check and the grader
     * will not accept it. Empty when none does.
     */
    public static List<String> usedIn(Path mainClasses) {
        List<String> lines = new ArrayList<>();
        for (Exercise e : Curriculum.exercises()) {
            Path folder = mainClasses.resolve(e.javaPackage().replace('.', '/'));
            if (Files.isDirectory(folder)) {
                usedBy(ClassFiles.under(folder).values(), e).forEach(sentence -> lines.add(e.id() + ": "
                        + sentence + ". It runs here, where every exercise is compiled together; check and the grader "
                        + "fail it as a compile error."));
            }
        }
        return lines;
    }

    /**
     * javac's errors ({@code path/File.java:77: message}) with each "package ... does not exist" that names another
     * exercise's package turned into the {@link #sentence sentence}, once per file and package (javac says it at
     * every use: the student needs it once); the other errors as they were.
     */
    public static List<String> explain(List<String> errors) {
        List<String> explained = new ArrayList<>();
        Set<String> said = new HashSet<>();
        for (String error : errors) {
            Matcher m = MISSING_PACKAGE.matcher(error);
            if (m.matches() && isExercisePackage(m.group(3))) {
                if (said.add(m.group(1) + " " + m.group(3))) {
                    String file = m.group(1).substring(m.group(1).lastIndexOf('/') + 1);
                    explained.add(sentence(file + ":" + m.group(2), m.group(3)));
                }
            } else {
                explained.add(error);
            }
        }
        return explained;
    }

    private static boolean isExercisePackage(String javaPackage) {
        return Curriculum.exercises().stream().anyMatch(e -> e.javaPackage().equals(javaPackage));
    }
}
