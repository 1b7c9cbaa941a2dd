package dev.alloclab.companion;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The commands of the full kit's {@code alloclab} that a student starter's companion does not have, each
 * with the page of the starter's own {@code docs/} that shows what it prints or does. The learning path is
 * written for the kit and names commands such as {@code ./alloclab demo}; a learner who types one in a
 * starter gets a sentence that says so and where to read on, instead of "Unmatched argument".
 */
public final class KitOnlyCommands {
    /** The starter's own commands, as the sentence names them (the subcommands of {@code StudentCommand}). */
    public static final String STARTER_COMMANDS = "progress, check, coverage, measure, hint, watch and quiz";
    /** Command name to the starter page that shows it. */
    private static final Map<String, String> PAGES = pages();

    private KitOnlyCommands() {
    }

    private static Map<String, String> pages() {
        Map<String, String> pages = new HashMap<>();
        pages.put("demo", "docs/03-when-to-dealloc.md shows what it prints, and docs/mistakes.md its checked runs");
        pages.put("example", "docs/03-when-to-dealloc.md shows what it prints, and docs/mistakes.md its --checked runs");
        pages.put("list", "docs/exercises/README.md lists the exercises in order");
        pages.put("replay", "docs/traces.md and docs/formats.md describe the traces it replays");
        pages.put("traces", "docs/traces.md describes the kit's trace suite");
        pages.put("bench", "docs/performance.md shows the tables it prints for the kit's allocators");
        pages.put("grade", "docs/instructors.md describes how your teacher grades a submission");
        pages.put("grade-all", "docs/instructors.md describes how your teacher grades a submission");
        pages.put("export-starter", "docs/instructors.md describes what teachers export");
        pages.put("export-gradescope", "docs/instructors.md describes what teachers export");
        pages.put("export-classroom", "docs/instructors.md describes what teachers export");
        return Map.copyOf(pages);
    }

    /** The names this class knows, so a test can check them against the kit's own command list. */
    public static Set<String> names() {
        return PAGES.keySet();
    }

    /** The page (relative to the starter's root) that a command's sentence points to. */
    public static Optional<String> page(String command) {
        return Optional.ofNullable(PAGES.get(command)).map(text -> text.substring(0, text.indexOf(' ')));
    }

    /**
     * One sentence for a kit-only {@code command}: it is part of the full kit, what the starter's companion has
     * instead, and where the starter's docs show its output. Empty for any other word.
     */
    public static Optional<String> explain(String command) {
        return Optional.ofNullable(PAGES.get(command)).map(where -> "'" + command + "' is part of the full alloclab kit,"
                + " not of this starter, whose ./alloclab has only " + STARTER_COMMANDS + "; " + where + ".");
    }
}
