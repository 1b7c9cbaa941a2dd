package dev.alloclab.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alloclab.cli.AlloclabCommand;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ThirdPartyNoticesTest {
    /** .../repository/group/path/artifact/version/artifact-version[-classifier].jar */
    private static final Pattern MAVEN_JAR = Pattern.compile(".*/repository/(.+)/([^/]+)/([^/]+)/\\2-\\3[^/]*\\.jar");

    @TempDir
    Path temp;

    @Test
    void every_library_the_grader_runs_with_has_a_notice() {
        // GIVEN the notices and the libraries on the grader's classpath (Surefire's own jars aside)
        String notices = new String(ThirdPartyNotices.text(), StandardCharsets.UTF_8);
        List<String> libraries = librariesOnClasspath();
        assertThat(libraries).as("libraries found on java.class.path").contains("org.assertj:assertj-core");

        // THEN each one is named in THIRD-PARTY.md, as group:artifact or as group:*
        List<String> missing = libraries.stream()
                .filter(lib -> !notices.contains("`" + lib + "`")
                        && !notices.contains("`" + lib.substring(0, lib.indexOf(':')) + ":*`"))
                .toList();
        assertThat(missing).as("libraries without a line in THIRD-PARTY.md: add their licence there").isEmpty();
    }

    @Test
    void the_starter_carries_the_notices_next_to_the_jar_that_bundles_the_libraries() throws IOException {
        // WHEN an instructor exports the starter
        Path dir = temp.resolve("starter");
        StringWriter out = new StringWriter();
        int exit = AlloclabCommand.commandLine().setOut(new PrintWriter(out, true)).execute("export-starter", dir.toString());
        assertThat(exit).as("export-starter printed: %s", out).isZero();

        // THEN lib/ holds the notices, the same text as the repository's
        assertThat(dir.resolve("lib/" + ThirdPartyNotices.FILE_NAME)).exists()
                .hasBinaryContent(Files.readAllBytes(KitTree.root().resolve("THIRD-PARTY.md")));
    }

    private static List<String> librariesOnClasspath() {
        List<String> libraries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Matcher m = MAVEN_JAR.matcher(entry.replace('\\', '/'));
            if (m.matches()) {
                String group = m.group(1).replace('/', '.');
                if (!group.startsWith("org.apache.maven") && !group.equals("dev.alloclab")) {
                    libraries.add(group + ":" + m.group(2));
                }
            }
        }
        return libraries;
    }
}
