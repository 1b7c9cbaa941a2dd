package dev.alloclab.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alloclab.grader.rubric.Rubric;
import dev.alloclab.grader.rubric.RubricLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a Gradescope autograder package: the zip an instructor uploads as "Configure Autograder".
 *
 * <pre>
 *   FILE.zip
 *     setup.sh          run once when Gradescope builds the image: a JDK 17 and Maven from apt
 *     run_autograder    run per submission: alloclab grade /autograder/submission --format gradescope
 *                       --out /autograder/results (the root can be moved with ALLOCLAB_AUTOGRADER_ROOT);
 *                       as root, with --worker-user alloclab-worker (made with useradd on first use), so that
 *                       student code cannot write the results
 *     lib/*.jar         the kit itself (from alloclab.jar: that one jar), hidden suites inside
 *     lib/THIRD-PARTY.md  the licences of the libraries bundled in those jars
 *     rubric.json       only with --rubric: the course's exercises and points
 *     traces/*.rep      only with a rubric that names its own performance traces: a copy of them
 * </pre>
 *
 * <p>Gradescope unpacks the zip into {@code /autograder/source}. The scripts are stored with
 * executable permissions (unix mode 755), and written with
 * {@code \n} line endings whatever the platform, since {@code bash} refuses {@code \r}.
 */
public final class GradescopeExporter {
    private GradescopeExporter() {
    }

    /** What was written. */
    public record Result(Path zip, int jars, boolean withRubric) {
    }

    /**
     * Writes the package to {@code zipFile}, which must not exist yet: like the other exports, this one never
     * overwrites a file (a zip already uploaded to Gradescope, perhaps with another course's rubric, would be lost
     * without a word). The zip is written to a temporary file first and renamed, so a failed export leaves nothing.
     *
     * @param rubric a rubric file to grade with instead of the default one, or null; it is checked here,
     *               so a broken rubric fails now and not on the first student's submission
     */
    public static Result export(Path zipFile, Path rubric) {
        if (!zipFile.getFileName().toString().endsWith(".zip")) {
            throw new ExportException("'" + zipFile + "' does not end in .zip. Gradescope takes "
                    + "the autograder as a zip file: pass a name such as autograder.zip.");
        }
        if (Files.isRegularFile(zipFile)) {
            throw new ExportException("'" + zipFile + "' already exists. An export never overwrites files; delete it "
                    + "first if you want it rewritten, or pass another name.");
        }
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("setup.sh", script("gradescope-setup.sh"));
        files.put("run_autograder", script("gradescope-run_autograder"));
        if (rubric != null) {
            Rubric loaded = RubricLoader.load(rubric);
            try {
                files.put("rubric.json", withTracesFolder(Files.readAllBytes(rubric), loaded));
            } catch (IOException e) {
                throw new ExportException("cannot read the rubric '" + rubric + "': " + e.getMessage(), e);
            }
            loaded.exercises().values().stream().map(Rubric.ExerciseRubric::performance).filter(p -> p != null)
                    .flatMap(p -> p.traces().stream())
                    .forEach(t -> files.put(TRACES + "/" + t.name(), t.text().getBytes(StandardCharsets.UTF_8)));
        }
        Map<String, byte[]> jars = KitClasspath.jars();
        jars.forEach((name, bytes) -> files.put("lib/" + name, bytes));
        files.put("lib/" + ThirdPartyNotices.FILE_NAME, ThirdPartyNotices.text());
        writeZip(zipFile, files);
        return new Result(zipFile, jars.size(), rubric != null);
    }

    /** Where a rubric's course traces go in the zip, next to {@code rubric.json}. */
    static final String TRACES = "traces";

    /**
     * The rubric as written, except that a {@code "traces"} folder (which may sit anywhere on the instructor's
     * machine) now names the copy in the zip, so the rubric reads the same traces on Gradescope.
     */
    private static byte[] withTracesFolder(byte[] rubricJson, Rubric loaded) throws IOException {
        boolean courseTraces = loaded.exercises().values().stream().map(Rubric.ExerciseRubric::performance)
                .anyMatch(p -> p != null && p.courseTraces());
        if (!courseTraces) {
            return rubricJson;
        }
        JsonNode root = RubricLoader.jsonTree(new String(rubricJson, StandardCharsets.UTF_8), "the rubric");
        root.get("exercises").forEach(exercise -> {
            JsonNode performance = exercise.get("performance");
            if (performance instanceof ObjectNode node && node.has("traces")) {
                node.put("traces", TRACES);
            }
        });
        return new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
    }

    private static byte[] script(String template) {
        return Template.named(template).fill(Map.of()).replace("\r\n", "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** Through the JDK's zip file system, which can store unix permissions (rwxr-xr-x for the scripts). */
    private static void writeZip(Path zipFile, Map<String, byte[]> files) {
        Path absolute = zipFile.toAbsolutePath();
        Path temp = absolute.resolveSibling("." + absolute.getFileName() + ".tmp");
        try {
            Files.createDirectories(absolute.getParent());
            Files.deleteIfExists(temp);
            try (FileSystem zip = FileSystems.newFileSystem(temp, Map.of("create", "true", "enablePosixFileAttributes", "true"))) {
                for (Map.Entry<String, byte[]> f : files.entrySet()) {
                    Path entry = zip.getPath(f.getKey());
                    if (entry.getParent() != null) {
                        Files.createDirectories(entry.getParent());
                    }
                    Files.write(entry, f.getValue());
                    boolean script = !f.getKey().contains("/") && !f.getKey().endsWith(".json");
                    Files.setPosixFilePermissions(entry, PosixFilePermissions.fromString(script ? "rwxr-xr-x" : "rw-r--r--"));
                }
            }
            Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | UnsupportedOperationException e) {
            try {
                Files.deleteIfExists(temp); // half a zip is of no use to anyone
            } catch (IOException ignored) {
                // the message below is what matters
            }
            throw new ExportException("cannot write '" + zipFile + "': " + e.getMessage()
                    + ". Check that its folder is writable.", e);
        }
    }
}
