package dev.alloclab.companion;

import dev.alloclab.core.KitException;
import dev.alloclab.core.course.Exercise;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The hints of an exercise, read from its docs page so they are written once: the numbered list
 * under the {@code **Hints.**} line of {@code docs/exercises/<id>.md}. An item may continue on
 * indented lines; the list ends at the first line that is neither.
 */
public final class HintBook {
    static final String HEADING = "**Hints.**";
    private static final Pattern ITEM = Pattern.compile("^\\d+\\.\\s+(.*)$");

    private HintBook() {
    }

    /** The hints in {@code markdown}, in order; empty when the page has no hints section. */
    public static List<String> parse(String markdown) {
        List<String> hints = new ArrayList<>();
        boolean inSection = false;
        for (String line : markdown.split("\\R")) {
            if (!inSection) {
                inSection = line.trim().equals(HEADING);
                continue;
            }
            if (line.isBlank()) {
                continue;
            }
            Matcher item = ITEM.matcher(line);
            if (item.matches()) {
                hints.add(item.group(1).trim());
            } else if (!hints.isEmpty() && Character.isWhitespace(line.charAt(0))) {
                hints.set(hints.size() - 1, hints.get(hints.size() - 1) + " " + line.trim());
            } else {
                break;
            }
        }
        return List.copyOf(hints);
    }

    /** The hints of {@code exercise} from its page in {@code project}. */
    public static List<String> of(LearnerProject project, Exercise exercise) {
        Path page = project.docsPage(exercise);
        String markdown;
        try {
            markdown = Files.readString(page, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new KitException("cannot read the hints of exercise " + exercise.id() + ": its page '" + page
                    + "' is missing or unreadable (" + e.getMessage() + ").\n  The hints live on the exercise's "
                    + "docs page; restore docs/ from the kit or your starter.", e);
        }
        List<String> hints = parse(markdown);
        if (hints.isEmpty()) {
            throw new KitException("the page '" + page + "' has no hints: expected a line '" + HEADING
                    + "' followed by a numbered list.");
        }
        return hints;
    }
}
