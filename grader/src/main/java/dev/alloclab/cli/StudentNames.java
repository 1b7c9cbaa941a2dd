package dev.alloclab.cli;

import dev.alloclab.grader.FileNames;
import dev.alloclab.grader.StudentText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The name each submission folder of a {@code grade-all} run goes by: its gradebook row, its stored result's file,
 * its progress line. The folder itself is always reached by the {@link Path} the listing returned, never by this name.
 *
 * <p>Why a name of its own: a folder's name is bytes, and a Latin-1 zip's {@code stu\xFF} and {@code stu\xFE} both
 * turn into {@code stu} and U+FFFD as a Java {@code String}, so they shared one result file and one row. A name is the
 * folder's bytes as {@link FileNames#shown} shows them ({@code stu\xFF}); two folders whose names would still share a
 * result file (a folder literally named {@code stu\xFF} beside one whose byte is {@code FF}) are never merged: the
 * later one, in listing order, is named {@code stu\xFF (2)}, and its row says why. A folder that is a symbolic link
 * is graded, with a note naming where it leads (often a classmate's folder under a second name).
 */
final class StudentNames {
    private final Map<Path, String> names = new LinkedHashMap<>();
    private final Map<String, String> notes = new LinkedHashMap<>();

    private StudentNames() {
    }

    /**
     * Names {@code folders} (sorted, as listed), keeping clear of {@code taken} (other rows' names, such as archives').
     */
    static StudentNames of(List<Path> folders, Collection<String> taken) {
        StudentNames result = new StudentNames();
        Set<String> files = new HashSet<>();
        Set<String> looks = new HashSet<>();
        Set<String> composed = new HashSet<>();
        taken.forEach(name -> {
            files.add(StoredResults.fileName(name));
            looks.add(look(name));
            composed.add(composed(name));
        });
        for (Path folder : folders) {
            String shown = FileNames.shown(folder);
            String name = shown;
            boolean sameFile = files.contains(StoredResults.fileName(name));
            for (int n = 2; files.contains(StoredResults.fileName(name)) || looks.contains(look(name)); n++) {
                name = shown + " (" + n + ")";
            }
            files.add(StoredResults.fileName(name));
            looks.add(look(name));
            result.names.put(folder, name);
            if (!name.equals(shown)) {
                boolean sameLetters = composed.contains(composed(shown));
                result.notes.put(name, "named '" + StudentText.line(name) + "' here: its folder's name, '"
                        + StudentText.line(shown) + "', shows the same as another folder's (" + (sameFile
                        ? "names that are not UTF-8, from an archive made with Latin-1 or CP437 names, are shown with "
                                + "\\xFF for each odd byte"
                        : sameLetters ? "the same letters in other Unicode code points: an accent stored apart from its "
                                + "letter, as archives made on macOS store it, looks the same as the accented letter"
                        : "the gradebook puts a ' before a name that starts with = + - or @, which a spreadsheet would "
                                + "run as a formula, so '+1' and ''+1' read the same there")
                        + "); rename one of the folders");
            }
            composed.add(composed(name));
            if (Files.isSymbolicLink(folder)) {
                String target;
                try {
                    target = Files.readSymbolicLink(folder).toString();
                } catch (IOException | UnsupportedOperationException e) {
                    target = "a place the grader cannot read";
                }
                result.notes.merge(name, "this folder is a symbolic link to '" + StudentText.line(target) + "', graded "
                        + "as a submission of its own (is it another student's folder under a second name?)",
                        (a, b) -> a + "; " + b);
            }
        }
        return result;
    }

    /**
     * How a name looks in a gradebook: its cell ({@link GradeAllCommand#nameCell}: control characters escaped, a
     * formula's leading {@code '}), in Unicode's composed form, so that {@code jo\u0308rg} (macOS's "jörg") and
     * {@code j\u00F6rg}, or {@code +1} and {@code '+1}, are one look, and two rows an instructor could not tell apart
     * get different names.
     */
    private static String look(String name) {
        return java.text.Normalizer.normalize(GradeAllCommand.nameCell(name), java.text.Normalizer.Form.NFC);
    }

    /** {@code name} as a report shows it, in Unicode's composed form (before the gradebook's formula quote). */
    private static String composed(String name) {
        return java.text.Normalizer.normalize(StudentText.line(name), java.text.Normalizer.Form.NFC);
    }

    /** The name of {@code folder}, one of the folders given. */
    String of(Path folder) {
        return names.get(folder);
    }

    /** Every name, in the folders' order. */
    List<String> all() {
        return List.copyOf(names.values());
    }

    /** The notes rows get from their folder's name (renamed, a symbolic link), by name. */
    Map<String, String> notes() {
        return Map.copyOf(notes);
    }
}
