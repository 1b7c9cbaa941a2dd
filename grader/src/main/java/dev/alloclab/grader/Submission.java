package dev.alloclab.grader;

import dev.alloclab.core.course.Curriculum;
import dev.alloclab.core.course.Exercise;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A student's submission: a folder laid out like the starter ({@code src/main/java/dev/alloclab/exercises/<pkg>/}
 * and {@code src/test/java/dev/alloclab/exercises/<pkg>/}).
 *
 * <p>Opening a submission reads the file list once, never follows a symbolic link (a link could
 * point at the solutions or at {@code /etc}), and skips files that are not Java sources (among them the
 * {@code ._*} and {@code .DS_Store} files a Mac adds) or are larger than {@link #MAX_SOURCE_BYTES}; each skipped
 * file becomes a note in the report, as does a source whose package line does not match its folder. It reads at most
 * {@link #MAX_FILES} files and {@link #MAX_TOTAL_BYTES} bytes.
 * Sources outside any exercise package (shared helpers such as the test extension of the starter)
 * are "common" and compiled for every exercise.
 */
public final class Submission {
    /** A source file larger than this is skipped: no honest exercise answer is that long. */
    public static final long MAX_SOURCE_BYTES = 512 * 1024;
    /**
     * Files (sources and test resources) read at most; the starter has about 40. Past this, or past
     * {@link #MAX_TOTAL_BYTES}, files are skipped with one note: thousands of small files would otherwise
     * let a submission make the grader's in-process javac run out of time or memory.
     */
    public static final int MAX_FILES = 1000;
    /** Bytes of sources and test resources read at most (see {@link #MAX_FILES}). */
    public static final long MAX_TOTAL_BYTES = 4L * 1024 * 1024;

    private static final String MAIN = "src/main/java";
    private static final String TEST = "src/test/java";

    private final Path root;
    /** The folder given, whose name reports use; {@link #root} may be a sub-folder of it. */
    private final Path folder;
    private final Map<String, List<Path>> mainByPackage = new TreeMap<>();
    private final Map<String, List<Path>> testByPackage = new TreeMap<>();
    private final List<Path> commonMain = new ArrayList<>();
    private final List<Path> commonTest = new ArrayList<>();
    private final List<Path> testResources = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    /** The note about a source whose package line does not match its folder, by each folder it concerns ({@code scope/}). */
    private final java.util.Map<String, String> packageNotes = new java.util.HashMap<>();
    private final java.util.Set<Path> byteOrderMarks = new java.util.HashSet<>();
    /** The first source found with a byte-order mark, for the one note about them all. */
    private Path firstByteOrderMark;
    private final List<Path> macMetadata = new ArrayList<>();
    /** Files and folders whose names do not map to text ({@link FileNames#mapsBack}), in listing order. */
    private final List<Path> unmappableNames = new ArrayList<>();
    private int filesTaken;
    private long bytesTaken;
    private int filesOverBudget;
    private int nonJava;
    /** Symbolic links, folders named *.java and special files met while listing: the first few get a note each. */
    private int oddEntries;
    /** The first symbolic link that kept a folder of sources out (relative to the project), or null. */
    private Path linkedAway;
    /** Non-Java files listed one by one in the notes; the rest are counted. */
    private static final int LISTED_NON_JAVA = 20;

    private Submission(Path root, Path folder) {
        this.root = root;
        this.folder = folder;
    }

    /**
     * The project inside {@code folder}: the folder itself when it has {@code src/main/java}, else its one
     * sub-folder that has (a class download or an unpacked zip often wraps the repository in a folder of its own),
     * else the folder (whose missing sources are then reported). Hidden folders ({@code .git}, {@code __MACOSX}
     * and the like) are not candidates; two candidates are an error naming both, and {@code asGiven} (the folder as
     * the command line spelled it, as the other sentences about the submission name it).
     */
    private static Path projectIn(Path folder, Path asGiven) {
        if (hasSources(folder)) {
            return folder;
        }
        // one level down (a repository in a download's folder), then two (a zip unpacked into a folder of its own
        // inside that): as deep as the Gradescope package looks, so both grade the same upload
        for (int depth = 1; depth <= WRAPPING_LEVELS; depth++) {
            List<Path> candidates = foldersAt(folder, depth).stream().filter(Submission::hasSources).toList();
            if (candidates.size() > 1) {
                throw new GradingException("submission folder '" + asGiven + "' has no " + MAIN + " of its own but "
                        + candidates.size() + " sub-folders that have one (" + candidates.stream()
                        .map(c -> folder.relativize(c).toString()).collect(java.util.stream.Collectors.joining(", "))
                        + "): pass the one to grade.");
            }
            if (candidates.size() == 1) {
                return candidates.get(0);
            }
        }
        return folder;
    }

    /** The first folder 3 to 6 levels down that has a project, to name in the sentence when none was found above. */
    private static Path deeperProject(Path folder) {
        for (int depth = WRAPPING_LEVELS + 1; depth <= 6; depth++) {
            for (Path candidate : foldersAt(folder, depth)) {
                if (hasSources(candidate)) {
                    return candidate;
                }
            }
        }
        return null;
    }

    /** How many folders deep a project may be wrapped and still be found (the Gradescope package's depth too). */
    static final int WRAPPING_LEVELS = 2;
    /** A level of more folders than this is not looked into further. */
    private static final int MAX_FOLDERS_LOOKED_AT = 2_000;

    /**
     * The folders exactly {@code depth} levels under {@code folder}, sorted, never through a hidden folder, a
     * {@code __MACOSX} copy or a symbolic link.
     */
    private static List<Path> foldersAt(Path folder, int depth) {
        List<Path> level = List.of(folder);
        for (int d = 0; d < depth; d++) {
            List<Path> next = new ArrayList<>();
            for (Path parent : level) {
                try (Stream<Path> children = Files.list(parent)) {
                    for (Path child : children.sorted().toList()) {
                        String name = child.getFileName().toString();
                        if (!name.startsWith(".") && !name.startsWith("__")
                                && Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
                            next.add(child);
                        }
                    }
                } catch (IOException | UncheckedIOException e) {
                    // an unreadable folder holds no project the grader could read
                }
            }
            level = next;
            if (level.size() > MAX_FOLDERS_LOOKED_AT) {
                break; // a tree that wide (a node_modules) holds no wrapped project: do not walk it all
            }
        }
        return level;
    }

    /** Whether {@code folder} has its own {@code src/main/java}, reached through no symbolic link. */
    private static boolean hasSources(Path folder) {
        return Files.isDirectory(folder.resolve(MAIN), LinkOption.NOFOLLOW_LINKS) && firstLinkOnTheWay(folder, MAIN) == null;
    }

    /**
     * The first symbolic link among the folders from {@code from} (not included: the folder the instructor passed may
     * be one) down to {@code from/relative}, or null. {@code NOFOLLOW_LINKS} guards only the last name of a path, so a
     * submission whose {@code src} links to a classmate's would otherwise be graded on the classmate's code.
     */
    static Path firstLinkOnTheWay(Path from, String relative) {
        Path at = from;
        for (Path name : Path.of(relative)) {
            at = at.resolve(name);
            if (Files.isSymbolicLink(at)) {
                return at;
            }
        }
        return null;
    }

    /**
     * True when the folder {@code relative} under the project may be read: no symbolic link on the way (a link is
     * noted once, by the path the student wrote).
     */
    private boolean reachableWithoutLinks(String relative) {
        Path link = firstLinkOnTheWay(root, relative);
        if (link == null) {
            return true;
        }
        String note = "ignored " + root.relativize(link) + ": a symbolic link (links are never followed)";
        if (!notes.contains(note)) {
            notes.add(note);
        }
        if (linkedAway == null) {
            linkedAway = root.relativize(link);
        }
        return false;
    }

    /**
     * Reads the submission at {@code folder}.
     *
     * @throws GradingException if the folder does not exist, is not a folder, or holds no Java sources
     */
    public static Submission open(Path folder) {
        Path root = folder.toAbsolutePath().normalize();
        if (!Files.exists(folder)) {
            if (folder.toString().indexOf('\uFFFD') >= 0) {
                // a name from the command line reaches Java as text: a byte that is not UTF-8 became U+FFFD on the way
                throw new GradingException("submission folder '" + StudentText.line(folder.toString()) + "' cannot be "
                        + "found by that name: a byte of its name is not valid UTF-8 (a folder unpacked from an archive "
                        + "made with Latin-1 or CP437 names?), and such a name cannot reach Java from the command line. "
                        + "Rename the folder to plain letters, or grade the folder that holds it with grade-all, which "
                        + "reads such names (and shows each odd byte as \\xFF).");
            }
            throw new GradingException("submission folder '" + folder + "' does not exist. "
                    + "Pass the folder that holds the student's src/main/java.");
        }
        if (!Files.isDirectory(folder)) {
            String name = folder.getFileName() == null ? "" : folder.getFileName().toString();
            throw new GradingException(!archiveStem(name).equals(name)
                    ? "submission '" + folder + "' is an archive, not a folder. The grader never unpacks archives (a zip "
                            + "entry named ../x or /x could write outside the submission): unpack it yourself, check it, "
                            + "and pass the folder that holds src/main/java."
                    : "submission '" + folder + "' is a file, not a folder. Pass the folder that holds the student's "
                            + "src/main/java.");
        }
        Path project = projectIn(root, folder);
        Submission submission = new Submission(project, root);
        if (!project.equals(root)) {
            submission.notes.add("graded the project in the sub-folder '" + FileNames.shownRelative(root.relativize(project))
                    + "' (the folder itself has no " + MAIN + "; downloads often wrap a repository in a folder)");
        }
        submission.scan(MAIN, submission.mainByPackage, submission.commonMain);
        submission.scan(TEST, submission.testByPackage, submission.commonTest);
        submission.scanTestResources();
        submission.noteMacMetadata();
        submission.noteUnmappableNames();
        submission.noteByteOrderMarks();
        if (submission.nonJava > LISTED_NON_JAVA) {
            submission.notes.add("ignored " + (submission.nonJava - LISTED_NON_JAVA) + " more file(s) that are not Java sources");
        }
        if (submission.oddEntries > LISTED_NON_JAVA) {
            submission.notes.add("ignored " + (submission.oddEntries - LISTED_NON_JAVA) + " more symbolic link(s), "
                    + "folder(s) named *.java or special file(s)");
        }
        if (submission.filesOverBudget > 0) {
            submission.notes.add("ignored " + submission.filesOverBudget + " more file(s): a submission is read up to "
                    + MAX_FILES + " files and " + MAX_TOTAL_BYTES / (1024 * 1024) + " MiB in all (sources first, then "
                    + "tests, then test resources)");
        }
        if (submission.mainByPackage.isEmpty() && submission.commonMain.isEmpty()) {
            String archive = archiveInside(folder);
            Path deeper = submission.linkedAway == null ? deeperProject(root) : null;
            String why = deeper != null
                    ? ", but a project lies deeper, in '" + root.relativize(deeper) + "' (the grader looks "
                            + WRAPPING_LEVELS + " folders down at most): pass that folder, or move it up."
                    : submission.linkedAway != null
                    ? ": '" + submission.linkedAway + "' is a symbolic link, and the grader never follows links (it could lead"
                            + " to another student's work). Copy the sources in instead of linking them."
                    : archive == null
                            ? ". A submission is the folder laid out like the student starter (the one with src/)."
                            : "; it holds the archive '" + archive + "', and the grader never unpacks one: the folder "
                                    + "must hold the project itself (unzip '" + archive + "' there).";
            throw new GradingException("submission folder '" + folder + "' holds no Java sources under "
                    + MAIN + "/" + Exercise.BASE_PACKAGE.replace('.', '/') + why);
        }
        return submission;
    }

    /** The name of an archive lying directly in {@code folder} (as an LMS's bulk download leaves one), or null. */
    private static String archiveInside(Path folder) {
        try (var entries = Files.list(folder)) {
            return entries.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .map(p -> p.getFileName().toString())
                    .filter(name -> !archiveStem(name).equals(name))
                    .sorted().findFirst().orElse(null);
        } catch (IOException | UncheckedIOException e) {
            return null; // the sentence without the archive is still right
        }
    }

    private void scan(String sourceRoot, Map<String, List<Path>> byPackage, List<Path> common) {
        Path base = root.resolve(sourceRoot);
        if (!reachableWithoutLinks(sourceRoot) || !Files.isDirectory(base, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Path exercisesFolder = base.resolve(Exercise.BASE_PACKAGE.replace('.', '/'));
        for (Path file : regularFiles(base)) {
            if (isMacMetadata(file)) {
                macMetadata.add(file);
                continue;
            }
            if (!file.getFileName().toString().endsWith(".java")) {
                if (!file.getFileName().toString().equals("package.html") && nonJava++ < LISTED_NON_JAVA) {
                    notes.add("ignored " + root.relativize(file) + ": not a Java source");
                }
                continue;
            }
            if (file.getFileName().toString().equals("module-info.java")) {
                notes.add("ignored " + root.relativize(file) + ": the grader compiles on the class path, as the starter's "
                        + "build does (a module declaration, which some IDEs add, would hide the kit's classes)");
                continue;
            }
            if (!checkSize(file)) {
                continue;
            }
            if (startsWithByteOrderMark(file)) {
                byteOrderMarks.add(file);
                if (firstByteOrderMark == null) {
                    firstByteOrderMark = file;
                }
            }
            checkPackageLine(file, base, exercisesFolder);
            if (file.startsWith(exercisesFolder) && file.getParent().getParent().equals(exercisesFolder)) {
                String pkg = file.getParent().getFileName().toString();
                if (Curriculum.exercises().stream().anyMatch(e -> e.packageName().equals(pkg))) {
                    byPackage.computeIfAbsent(pkg, k -> new ArrayList<>()).add(file);
                    continue;
                }
            }
            common.add(file);
        }
    }

    /**
     * A file a Mac adds next to the real ones: {@code ._Name} (an AppleDouble file holding the Finder's metadata,
     * written by macOS zip and tar and by copies to FAT or network drives) or {@code .DS_Store}. A {@code ._Name.java}
     * is binary, so compiling it would cost the exercise for a file the student never saw.
     */
    private static boolean isMacMetadata(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith("._") || name.equals(".DS_Store");
    }

    /**
     * One note for the sources saved with a byte-order mark (an editor that adds one adds it to every file it saves),
     * naming the first.
     */
    private void noteByteOrderMarks() {
        if (firstByteOrderMark == null) {
            return;
        }
        String first = root.relativize(firstByteOrderMark).toString();
        notes.add(byteOrderMarks.size() == 1
                ? first + " starts with a byte-order mark, which javac rejects: the grader read it without (save it as "
                        + "UTF-8 without BOM)"
                : byteOrderMarks.size() + " sources start with a byte-order mark (the first: " + first + "), which javac"
                        + " rejects: the grader read them without (save them as UTF-8 without BOM)");
    }

    /** One note for every macOS metadata file skipped (a Mac archive has one per source), naming the first. */
    private void noteMacMetadata() {
        if (!macMetadata.isEmpty()) {
            notes.add("ignored " + macMetadata.size() + " macOS metadata file(s) (._* and .DS_Store, which a Mac's "
                    + "Finder, zip or tar adds next to the real files; not Java sources), the first: "
                    + root.relativize(macMetadata.get(0)));
        }
    }

    /**
     * Notes a source whose package line does not match its folder: javac compiles it anyway, and the exercise
     * then fails with "cannot find symbol" in the hidden tests, which does not say which file is wrong.
     */
    private void checkPackageLine(Path file, Path base, Path exercisesFolder) {
        Optional<String> declared;
        try {
            byte[] bytes = Files.readAllBytes(file);
            if (dev.alloclab.grader.compile.SourceEncoding.isNotText(bytes)) {
                return; // saved as UTF-16, or NUL bytes only: its package line cannot be read (the encoding note says so)
            }
            declared = dev.alloclab.companion.PackageDeclaration.of(new String(bytes, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return; // the compiler reports an unreadable file
        }
        Path folder = file.getParent();
        String expected = base.relativize(folder).toString().replace(java.io.File.separatorChar, '.');
        if (declared.isEmpty() || declared.get().equals(expected)) {
            return;
        }
        Path belongs = declared.get().isEmpty() ? base : base.resolve(declared.get().replace('.', '/'));
        String note = StudentText.line(FileNames.shown(file)) + " in " + shownFolder(folder, exercisesFolder) + " declares "
                + (declared.get().isEmpty() ? "no package" : "package " + declared.get()) + ", which belongs in "
                + shownFolder(belongs, exercisesFolder) + ": an exercise's classes are taken from its folder and "
                + "must declare its package, so move the file or fix its package line";
        notes.add(note);
        packageNotes.putIfAbsent(shownFolder(folder, exercisesFolder), note);
        packageNotes.putIfAbsent(shownFolder(belongs, exercisesFolder), note);
    }

    /** A folder as a note shows it: {@code bump/} inside the exercises' folder, else from the submission's root. */
    private String shownFolder(Path folder, Path exercisesFolder) {
        Path shown = folder.startsWith(exercisesFolder) && !folder.equals(exercisesFolder)
                ? exercisesFolder.relativize(folder) : root.relativize(folder);
        return StudentText.line(FileNames.shownRelative(shown)) + "/";
    }

    private static boolean startsWithByteOrderMark(Path file) {
        try (java.io.InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(3);
            return head.length == 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Whether {@code source} starts with a UTF-8 byte-order mark (Windows editors write one): javac stops at it
     * with "illegal character: '\ufeff'", so the compiler gives javac the text after it.
     */
    public boolean hasByteOrderMark(Path source) {
        return byteOrderMarks.contains(source);
    }

    private void scanTestResources() {
        Path base = root.resolve("src/test/resources");
        if (reachableWithoutLinks("src/test/resources") && Files.isDirectory(base, LinkOption.NOFOLLOW_LINKS)) {
            for (Path file : regularFiles(base)) {
                if (isMacMetadata(file)) {
                    macMetadata.add(file);
                } else if (checkSize(file)) {
                    testResources.add(file);
                }
            }
        }
    }

    private boolean checkSize(Path file) {
        try {
            long size = Files.size(file);
            if (size > MAX_SOURCE_BYTES) {
                notes.add("ignored " + root.relativize(file) + ": larger than " + MAX_SOURCE_BYTES / 1024 + " KiB");
                return false;
            }
            if (filesTaken + 1 > MAX_FILES || bytesTaken + size > MAX_TOTAL_BYTES) {
                filesOverBudget++;
                return false;
            }
            filesTaken++;
            bytesTaken += size;
            return true;
        } catch (IOException e) {
            notes.add("ignored " + root.relativize(file) + ": unreadable (" + e.getMessage() + ")");
            return false;
        }
    }

    /**
     * Every regular file under {@code base}, sorted, without following links (each link is a note, as is a folder
     * named like a source, a named pipe or a device). A name the machine's charset cannot turn into text is read all
     * the same, by the path the listing returned, and noted once ({@link #noteUnmappableNames}).
     */
    private List<Path> regularFiles(Path base) {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(base)) {
            walk.sorted().forEach(p -> {
                if (!p.equals(base) && !FileNames.mapsBack(p)) {
                    unmappableNames.add(p);
                }
                if (Files.isSymbolicLink(p)) {
                    noteOddEntry("ignored " + shown(p) + ": a symbolic link (links are never followed)");
                } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    files.add(p);
                } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    if (p.getFileName().toString().endsWith(".java")) {
                        noteOddEntry("ignored " + shown(p) + " as a source: a folder, not a file (the files in it were "
                                + "read as any folder's)");
                    }
                } else {
                    noteOddEntry("ignored " + shown(p) + ": not a regular file (a named pipe, socket or device), so not "
                            + "a source");
                }
            });
        } catch (IOException | UncheckedIOException e) {
            throw new GradingException("cannot read submission folder '" + base + "': " + e.getMessage(), e);
        }
        return files;
    }

    /**
     * A note on a link, a folder named like a source or a special file, for the first {@value #LISTED_NON_JAVA} of
     * them; the rest are counted in one note (3,000 links made a report of 3,000 lines).
     */
    private void noteOddEntry(String note) {
        if (oddEntries++ < LISTED_NON_JAVA) {
            notes.add(note);
        }
    }

    /** {@code file} relative to the project, each name as its bytes say ({@link FileNames#shown}), on one line. */
    private String shown(Path file) {
        return StudentText.line(FileNames.shownRelative(root.relativize(file)));
    }

    /**
     * One note for the files and folders whose names the machine's charset cannot turn into text, naming the first: a
     * name that is not valid UTF-8 (an archive made with Latin-1 or CP437 names), or, under a non-UTF-8 locale, any
     * non-ASCII name. The grader read them by their paths; the note says why their names look odd, and what to do.
     */
    private void noteUnmappableNames() {
        if (unmappableNames.isEmpty()) {
            return;
        }
        String first = shown(unmappableNames.get(0));
        String which = unmappableNames.size() == 1 ? "the name of " + first + " is"
                : unmappableNames.size() + " file or folder names (the first: " + first + ") are";
        notes.add(FileNames.utf8Names()
                ? which + " not valid UTF-8 (each byte that is not is shown as \\xFF; an archive made with Latin-1 or "
                        + "CP437 names unpacks such names): the grader read " + (unmappableNames.size() == 1 ? "it" : "them")
                        + " all the same; rename " + (unmappableNames.size() == 1 ? "it" : "them") + " to plain letters"
                : which + " not readable as text in this machine's locale" + FileNames.localeHint());
    }

    /** The project folder (the one with {@code src/}), absolute and normalized: the folder given or its one sub-folder with sources. */
    public Path root() {
        return root;
    }

    /** A name for reports: the name of the folder given (the student's, even when the project sits inside it). */
    public String name() {
        return folder.getFileName() == null ? folder.toString() : FileNames.shown(folder);
    }

    /** Main sources of one exercise package (empty if the student has none). */
    public List<Path> mainSources(Exercise exercise) {
        return mainByPackage.getOrDefault(exercise.packageName(), List.of());
    }

    /** Test sources of one exercise package (visible tests and the student's own). */
    public List<Path> testSources(Exercise exercise) {
        return testByPackage.getOrDefault(exercise.packageName(), List.of());
    }

    /** Main sources outside every exercise package. */
    public List<Path> commonMainSources() {
        return List.copyOf(commonMain);
    }

    /** Test sources outside every exercise package (the starter's test support). */
    public List<Path> commonTestSources() {
        return List.copyOf(commonTest);
    }

    /** Files under {@code src/test/resources}. */
    public List<Path> testResources() {
        return List.copyOf(testResources);
    }

    /** What was skipped while reading, one sentence each. */
    /**
     * The note about a misplaced package line that concerns the exercise folder {@code folder} ({@code scope/}): a
     * file in it declares another package, or a file elsewhere declares its package.
     */
    public java.util.Optional<String> packageNoteAbout(String folder) {
        return java.util.Optional.ofNullable(packageNotes.get(folder));
    }

    public List<String> notes() {
        return List.copyOf(notes);
    }

    /** File endings of the archives students upload instead of folders. */
    private static final List<String> ARCHIVE_ENDINGS = List.of(".zip", ".tar.gz", ".tgz", ".tar", ".7z", ".rar", ".jar");

    /**
     * {@code erin} for {@code erin.zip} or {@code erin.tar.gz} (any case); the name itself when it is no archive's. The
     * grader never unpacks one (an entry named ../x or /x could write outside the submission), so it names them.
     */
    public static String archiveStem(String fileName) {
        String lower = fileName.toLowerCase(java.util.Locale.ROOT);
        for (String ending : ARCHIVE_ENDINGS) {
            if (lower.endsWith(ending) && lower.length() > ending.length()) {
                return fileName.substring(0, fileName.length() - ending.length());
            }
        }
        return fileName;
    }

    /**
     * SHA-256 over every file the grader reads (relative path and bytes, in path order): two
     * submissions with the same hash get the same grade, so {@code grade-all} can skip them.
     */
    public String contentHash() {
        try {
            MessageDigest digest = Sha256.start();
            List<Path> all = new ArrayList<>();
            mainByPackage.values().forEach(all::addAll);
            testByPackage.values().forEach(all::addAll);
            all.addAll(commonMain);
            all.addAll(commonTest);
            all.addAll(testResources);
            all.sort(null);
            for (Path file : all) {
                Sha256.text(digest, root.relativize(file).toString());
                digest.update((byte) 0);
                Sha256.file(digest, file, LinkOption.NOFOLLOW_LINKS);
                digest.update((byte) 0);
            }
            return Sha256.hex(digest.digest());
        } catch (IOException e) {
            throw new GradingException("cannot read submission '" + root + "': " + e.getMessage(), e);
        }
    }
}
