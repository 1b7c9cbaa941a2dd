package dev.alloclab.grader.rubric;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.alloclab.core.course.Curriculum;
import dev.alloclab.core.course.Exercise;
import dev.alloclab.grader.GradingException;
import dev.alloclab.grader.run.Limits;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a rubric file (JSON, see {@code docs/instructors.md}) and checks every value, so that a
 * typo is a sentence naming the file, the key and the rule, never a silent zero.
 *
 * <pre>{@code
 * {
 *   "limits":    { "timeoutSeconds": 20, "heapMegabytes": 512, "outputKilobytes": 64 },
 *   "exercises": {
 *     "bump": { "hidden": 6, "coverage": { "points": 2, "line": 0.7, "branch": 0.5 } },
 *     "segregated-fits": { "hidden": 8, "coverage": { "points": 2, "line": 0.7, "branch": 0.5 },
 *                          "performance": { "points": 8, "utilizationWeight": 0.6,
 *                                           "throughputKops": 500, "zeroIndex": 70, "fullIndex": 87 } }
 *   }
 * }
 * }</pre>
 */
public final class RubricLoader {
    private static final String DEFAULT = "dev/alloclab/grader/default-rubric.json";
    /**
     * Strict where a slip changes the rubric's meaning (a duplicate key, text after the closing brace, such as a
     * stray {@code \}} left behind by deleting a section), lenient where it does not: {@code //} and
     * {@code /* *\/} comments are allowed, as instructors annotate their point splits.
     */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            // a comma after the last entry, as JavaScript and most editors' JSON allow: what it means is plain
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private RubricLoader() {
    }

    /** The rubric that ships with the grader: every exercise, 100 points in all. */
    public static Rubric defaultRubric() {
        try (InputStream in = RubricLoader.class.getClassLoader().getResourceAsStream(DEFAULT)) {
            if (in == null) {
                throw new IllegalStateException("the grader jar lacks " + DEFAULT);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "the default rubric");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads and checks the rubric in {@code file}. */
    public static Rubric load(Path file) {
        try {
            Path folder = file.toAbsolutePath().getParent();
            return parse(Files.readString(file, StandardCharsets.UTF_8), "rubric '" + file + "'", folder);
        } catch (NoSuchFileException e) {
            throw new GradingException("rubric file '" + file + "' does not exist. Pass a JSON rubric "
                    + "(see docs/instructors.md), or leave out --rubric to use the default.");
        } catch (java.nio.charset.MalformedInputException e) {
            throw new GradingException("rubric '" + file + "' is not UTF-8 text. Save it as UTF-8 JSON.");
        } catch (IOException e) {
            throw new GradingException("cannot read rubric '" + file + "': " + e.getMessage());
        }
    }

    /** Parses rubric text; {@code name} names it in messages; a {@code "traces"} folder is relative to the working folder. */
    public static Rubric parse(String text, String name) {
        return parse(text, name, Path.of(""));
    }

    /**
     * Parses rubric text; {@code name} names it in messages, and {@code folder} is where a relative
     * {@code "traces"} folder is found (the rubric file's own folder).
     */
    public static Rubric parse(String text, String name, Path folder) {
        JsonNode root = jsonTree(text, name);
        if (root == null || !root.isObject()) {
            throw new GradingException(name + " must be a JSON object with \"exercises\" (and optionally \"limits\").");
        }
        // every value is checked and each broken one noted, so that they can be reported together in file order
        RubricProblems problems = new RubricProblems(name);
        keys(root, problems, "", Set.of("limits", "exercises", "$comment"));
        Limits limits = Limits.DEFAULT;
        JsonNode l = root.get("limits");
        if (l != null && object(l, problems, "limits")) {
            keys(l, problems, "limits.", Set.of("timeoutSeconds", "heapMegabytes", "outputKilobytes"));
            limits = new Limits(
                    wholeNumber(l, "timeoutSeconds", Limits.DEFAULT.timeoutSeconds(), 1, 600, problems, "limits."),
                    wholeNumber(l, "heapMegabytes", Limits.DEFAULT.heapMegabytes(), 64, 8192, problems, "limits."),
                    wholeNumber(l, "outputKilobytes", Limits.DEFAULT.outputKilobytes(), 1, 10240, problems, "limits."));
        }
        JsonNode ex = root.get("exercises");
        Map<String, Rubric.ExerciseRubric> exercises = new LinkedHashMap<>();
        if (ex == null || !ex.isObject() || ex.isEmpty()) {
            problems.add("exercises", "\"exercises\" must be an object with at least one exercise id as key ("
                    + idList() + ").");
        } else {
            for (Iterator<String> it = ex.fieldNames(); it.hasNext(); ) {
                String id = it.next();
                if (Curriculum.byId(id).isEmpty()) {
                    problems.add("exercises." + id, "unknown exercise id '" + id + "' under \"exercises\". "
                            + "Use one of: " + idList() + ".");
                }
            }
            for (Exercise entry : Curriculum.exercises()) {
                JsonNode e = ex.get(entry.id());
                if (e != null) {
                    Rubric.ExerciseRubric checked = exercise(e, problems, "exercises." + entry.id() + ".", folder);
                    if (checked != null) {
                        exercises.put(entry.id(), checked);
                    }
                }
            }
        }
        problems.throwIfAny(text, JSON);
        Rubric rubric = new Rubric(limits, exercises);
        if (rubric.maxScore() == 0) {
            // every submission would get "0 / 0 points" and exit 0, full marks: surely not what was meant
            throw new GradingException(name + " gives 0 points in all, so every submission would get full marks: give"
                    + " at least one part some points (e.g. \"hidden\": 6).");
        }
        return rubric;
    }

    /**
     * Rubric text as a JSON tree, read the way {@link #parse} reads it (comments and a byte-order mark allowed,
     * duplicate keys and trailing text refused): for tools that rewrite a rubric, such as the Gradescope export.
     */
    public static JsonNode jsonTree(String text, String name) {
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1); // the byte-order mark Windows editors put before "UTF-8" text
        }
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            String why = e.getOriginalMessage();
            if (why != null && why.startsWith("Non-standard token")) { // Jackson's words for NaN and Infinity
                why = "NaN and Infinity are not JSON numbers; write a number such as 0 or 8";
            }
            if (looksLikeYaml(text, name)) {
                throw new GradingException(name + " looks like YAML, and rubrics are JSON: write it as JSON (docs/"
                        + "instructors.md has the whole default rubric to start from), e.g. {\"exercises\": {\"bump\":"
                        + " {\"hidden\": 6}}}.");
            }
            if (why != null && why.startsWith("Duplicate field")) {
                throw new GradingException(name + " gives a key twice" + where + ": " + why.replace("Duplicate field",
                        "the field") + " stands twice in the same object. Keep one of them (merge what each says).");
            }
            throw new GradingException(name + " is not valid JSON" + where + ": " + why
                    + ". Fix the JSON (a missing comma or quote is the usual cause).");
        }
    }

    /** A file named .yml/.yaml, or whose first line that says something is {@code key:} with no brace before it. */
    private static boolean looksLikeYaml(String text, String name) {
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        if (lower.endsWith(".yml") || lower.endsWith(".yaml")) {
            return true;
        }
        return text.lines().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).findFirst()
                .map(line -> line.matches("[A-Za-z_$][\\w$-]*:.*") || line.equals("---")).orElse(false);
    }

    /** The exercise's parts, checked; null when it is not even an object (noted in {@code problems}). */
    private static Rubric.ExerciseRubric exercise(JsonNode e, RubricProblems problems, String path, Path folder) {
        if (!object(e, problems, path.substring(0, path.length() - 1))) {
            return null;
        }
        keys(e, problems, path, Set.of("hidden", "coverage", "performance"));
        double hidden = points(e, "hidden", problems, path);
        Rubric.CoveragePart coverage = null;
        JsonNode c = e.get("coverage");
        if (c != null && object(c, problems, path + "coverage")) {
            keys(c, problems, path + "coverage.", Set.of("points", "line", "branch"));
            coverage = new Rubric.CoveragePart(
                    points(c, "points", problems, path + "coverage."),
                    number(c, "line", 0.7, 0, 1, problems, path + "coverage."),
                    number(c, "branch", 0.5, 0, 1, problems, path + "coverage."));
            needsPoints(c, problems, path + "coverage");
        }
        Rubric.PerformancePart performance = null;
        JsonNode p = e.get("performance");
        if (p != null && !path.equals("exercises.segregated-fits.")) {
            problems.add(path + "performance", "\"" + path + "performance\" is only measured for segregated-fits. "
                    + "Remove it, or move the points to \"hidden\".");
        } else if (p != null && object(p, problems, path + "performance")) {
            int before = problems.count();
            keys(p, problems, path + "performance.",
                    Set.of("points", "utilizationWeight", "throughputKops", "zeroIndex", "fullIndex", "traces"));
            String at = path + "performance.";
            List<Rubric.TraceText> traces = List.of();
            JsonNode t = p.get("traces");
            if (t != null) {
                if (!t.isTextual() || t.asText().isBlank()) {
                    problems.add(at + "traces", "\"" + at + "traces\" must be the path of a folder of .rep files "
                            + "(relative to the rubric file), not " + t + ".");
                } else {
                    try {
                        traces = CourseTraces.read(folder.resolve(t.asText()).normalize(), problems.name(), at + "traces");
                    } catch (GradingException e2) {
                        String prefix = problems.name() + ": ";
                        String m = e2.getMessage();
                        problems.add(at + "traces", m.startsWith(prefix) ? m.substring(prefix.length()) : m);
                    }
                }
            }
            performance = new Rubric.PerformancePart(
                    points(p, "points", problems, at),
                    number(p, "utilizationWeight", 0.6, 0, 1, problems, at),
                    number(p, "throughputKops", 500, 0.001, 1e9, problems, at),
                    number(p, "zeroIndex", 70, 0, 100, problems, at),
                    number(p, "fullIndex", 87, 0, 100, problems, at),
                    traces);
            needsPoints(p, problems, path + "performance");
            for (String key : List.of("zeroIndex", "fullIndex")) {
                double index = key.equals("zeroIndex") ? performance.zeroIndex() : performance.fullIndex();
                // 0.85 next to "utilizationWeight": 0.6 and "line": 0.8 is a percentage written as a fraction; taken
                // as it is, every allocator that passes the hidden tests would earn the full performance points
                if (index > 0 && index <= 1) {
                    String percent = trim(Math.round(index * 10_000) / 100.0);
                    problems.add(at + key, "\"" + at + key + "\" is " + p.get(key) + ", but the index runs"
                            + " from 0 to 100 (the Malloc Lab score: 100 x (w x utilization + (1 - w) x throughput"
                            + " share)), so this reads as a fraction: write " + percent + " for " + percent + " %"
                            + " (the defaults are zeroIndex 70, fullIndex 87).");
                }
            }
            // compared only when both indexes were read as written: a refused one stands in as its default
            if (problems.count() == before && performance.fullIndex() <= performance.zeroIndex()) {
                problems.add(at + "fullIndex", "\"" + at + "fullIndex\" (" + performance.fullIndex()
                        + ") must be greater than \"zeroIndex\" (" + performance.zeroIndex() + ").");
            }
        }
        return new Rubric.ExerciseRubric(hidden, coverage, performance);
    }

    /** A part written without "points" is almost always a forgotten key: graded for 0 points, it would measure for nothing. */
    private static void needsPoints(JsonNode part, RubricProblems problems, String path) {
        if (!part.has("points")) {
            problems.add(path, "\"" + path + "\" has no \"points\": add them (e.g. \"points\": 2),"
                    + " or remove the section to leave this part ungraded.");
        }
    }

    /** True when {@code node} is an object; else notes the problem. */
    private static boolean object(JsonNode node, RubricProblems problems, String path) {
        if (!node.isObject()) {
            problems.add(path, "\"" + path + "\" must be a JSON object, not " + node.getNodeType()
                    .toString().toLowerCase(java.util.Locale.ROOT) + ".");
            return false;
        }
        return true;
    }

    private static void keys(JsonNode node, RubricProblems problems, String path, Set<String> allowed) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key)) {
                problems.add(path + key, "unknown key \"" + path + key + "\". Allowed here: "
                        + String.join(", ", new java.util.TreeSet<>(allowed)) + ".");
            }
        }
    }

    /** The number at {@code key}, or {@code fallback} when absent or refused (the problem noted). */
    private static double number(JsonNode node, String key, double fallback, double min, double max,
            RubricProblems problems, String path) {
        JsonNode value = node.get(key);
        if (value == null) {
            return fallback;
        }
        if (!value.isNumber()) {
            problems.add(path + key, "\"" + path + key + "\" must be a number, not " + value + ".");
            return fallback;
        }
        double d = value.asDouble();
        if (!(d >= min && d <= max)) {
            problems.add(path + key, "\"" + path + key + "\" is " + value + "; it must be between "
                    + trim(min) + " and " + trim(max) + ".");
            return fallback;
        }
        return d;
    }

    /**
     * A part's points: a {@link #number} from 0 to 1000 in hundredths at most. Earned points are rounded to hundredths,
     * so a part worth 3.333 would give a perfect submission 3.33 of 3.333, red in Gradescope and a point lost in every
     * report: refused with the figure to write instead.
     */
    private static double points(JsonNode node, String key, RubricProblems problems, String path) {
        double d = number(node, key, 0, 0, 1000, problems, path);
        double hundredths = Math.round(d * 100) / 100.0;
        if (Math.abs(d - hundredths) > 1e-9) {
            problems.add(path + key, "\"" + path + key + "\" is " + node.get(key) + "; points are counted in hundredths "
                    + "(earned points are rounded so), so a perfect submission would get " + trim(hundredths) + " of "
                    + node.get(key) + ". Write " + trim(hundredths) + " (for thirds of 10: 3.33, 3.33 and 3.34).");
            return hundredths;
        }
        return d;
    }

    /** A {@link #number} that must be whole: a limit of 20.5 seconds would be cut to 20 without a word. */
    private static int wholeNumber(JsonNode node, String key, int fallback, int min, int max, RubricProblems problems,
            String path) {
        double d = number(node, key, fallback, min, max, problems, path);
        if (d != Math.rint(d)) {
            problems.add(path + key, "\"" + path + key + "\" is " + node.get(key) + "; it must be a whole "
                    + "number (between " + min + " and " + max + ").");
            return fallback;
        }
        return (int) d;
    }

    private static String trim(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }

    /** The exercise ids, comma separated, for messages that list what is allowed. */
    private static String idList() {
        return String.join(", ", Curriculum.exercises().stream().map(Exercise::id).toList());
    }
}
