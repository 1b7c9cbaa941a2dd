package dev.alloclab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alloclab.companion.KitOnlyCommands;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Command;
import dev.alloclab.testing.KitRoot;

/**
 * The learning path names kit commands ({@code ./alloclab demo}); in a student starter they get a sentence
 * that says they belong to the full kit and which page shows their output, with exit 2.
 */
class StarterKitOnlyCommandsTest {
    static CommandLineRun student(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = StudentCommand.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute(args);
        return new CommandLineRun(exit, out.toString(), err.toString());
    }

    static Set<String> names(List<Class<?>> commands) {
        return commands.stream().map(c -> c.getAnnotation(Command.class).name()).collect(Collectors.toSet());
    }

    @Test
    void demo_in_the_starter_says_it_is_part_of_the_full_kit_and_where_its_output_is_shown() {
        // WHEN a learner in the starter types the command chapter 3 shows
        CommandLineRun run = student("demo");
        // THEN one sentence says it is the full kit's, names the page, and the exit code is 2 (bad input)
        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("'demo' is part of the full alloclab kit", "docs/03-when-to-dealloc.md")
                .doesNotContain("Unmatched argument");
        assertThat(run.err().lines().count()).isEqualTo(1);
    }

    @Test
    void example_with_its_options_gets_the_same_kind_of_sentence() {
        CommandLineRun run = student("example", "years", "--strategy", "too-early");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("'example' is part of the full alloclab kit", "docs/03-when-to-dealloc.md");
    }

    @Test
    void a_word_that_is_no_command_anywhere_still_gets_the_short_usage_error() {
        CommandLineRun run = student("demoo");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("Unmatched argument").doesNotContain("full alloclab kit");
    }

    @Test
    void every_kit_command_the_starter_lacks_has_a_sentence_and_its_page_exists() {
        // GIVEN the kit's commands and the starter's
        Set<String> kit = names(AlloclabCommand.SUBCOMMANDS);
        Set<String> starter = StudentCommand.commandLine().getSubcommands().keySet();
        Set<String> missing = kit.stream().filter(name -> !starter.contains(name)).collect(Collectors.toSet());
        // THEN exactly those have a sentence, and each names a page the starter ships (docs/ is copied whole)
        assertThat(KitOnlyCommands.names()).containsExactlyInAnyOrderElementsOf(missing);
        for (String name : missing) {
            String page = KitOnlyCommands.page(name).orElseThrow();
            assertThat(Files.exists(KitRoot.resolve(page))).as(name + " points to " + page).isTrue();
        }
    }

    @Test
    void the_kit_only_sentence_names_every_command_the_starter_has() {
        // GIVEN the starter's own commands (help is picocli's, not one a student looks for)
        Set<String> starter = StudentCommand.commandLine().getSubcommands().keySet();
        // WHEN a learner types a kit-only command
        CommandLineRun run = student("list");
        // THEN the sentence names each of them
        for (String name : starter) {
            if (!name.equals("help")) {
                assertThat(run.err()).as("the sentence names " + name).contains(name);
            }
        }
    }

    @Test
    void an_unknown_exercise_for_hint_lists_the_exercises_and_names_no_kit_only_command() {
        // WHEN a learner in the starter misspells an exercise for hint
        CommandLineRun run = student("hint", "bumpp");
        // THEN the exercises are listed with their package names, and 'list' (absent from the starter) is not named
        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("there is no exercise 'bumpp'", "bump, implicit-list (implicitlist)")
                .doesNotContain("alloclab list").doesNotContain("'list'");
    }

    @Test
    void hint_accepts_the_package_name_as_check_does(@TempDir Path starter) throws IOException {
        // GIVEN a starter-shaped folder with the exercise's page
        Files.createDirectories(starter.resolve("src/main/java/dev/alloclab/exercises"));
        Files.writeString(starter.resolve("pom.xml"), "<project/>");
        Files.createDirectories(starter.resolve("docs/exercises"));
        Files.copy(KitRoot.resolve("docs/exercises/implicit-list.md"), starter.resolve("docs/exercises/implicit-list.md"));
        // WHEN a learner names the exercise by its folder, as check allows
        CommandLineRun run = student("hint", "implicitlist", "--project", starter.toString());
        // THEN the hints of implicit-list are shown
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("3. implicit-list");
    }
    @Test
    void the_quizzes_answer_keys_mark_every_kit_only_command_they_suggest_as_the_full_kits() {
        for (String quiz : List.of("strategy", "stack", "violation", "freespace")) {
            // WHEN a learner in the starter prints a quiz's answer key
            CommandLineRun run = student("quiz", quiz, "--answers");
            assertThat(run.exitCode()).as(quiz + ": " + run.err()).isEqualTo(ExitCodes.OK);
            // THEN a line suggesting a command the starter lacks says it belongs to the full kit
            for (String line : run.out().lines().toList()) {
                for (String command : KitOnlyCommands.names()) {
                    if (line.contains("alloclab " + command + " ")) {
                        assertThat(line).as("quiz " + quiz + " suggests " + command).contains("full kit");
                    }
                }
            }
        }
    }
}
