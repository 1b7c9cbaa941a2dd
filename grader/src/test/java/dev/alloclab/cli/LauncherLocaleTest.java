package dev.alloclab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher {@code alloclab} under a non-UTF-8 locale: it hands Java a UTF-8 locale whenever the machine has one,
 * whatever the kit's path, since students' file names need it too. Run on a copy of the script in a fake kit whose
 * build is current, with a fake {@code java} that prints the locale it was given (no build, no JVM).
 */
class LauncherLocaleTest {
    @TempDir
    Path temp;

    @Test
    void under_the_c_locale_java_gets_a_utf8_locale_even_for_a_kit_in_an_ascii_folder() throws Exception {
        Assumptions.assumeTrue(machineHasUtf8Locale(), "this machine has no UTF-8 locale to switch to");
        // GIVEN a kit in an ASCII folder whose build is current, and a java that prints its LC_ALL
        Path kit = FakeKit.at(temp.resolve("kit"), true);
        Path bin = FakeKit.java(temp.resolve("bin"), "echo \"LC_ALL=$LC_ALL\"");
        // WHEN it runs under LANG=C with no LC_ALL (a Docker image, an ssh session)
        ProcessBuilder pb = new ProcessBuilder("bash", kit.resolve("alloclab").toString(), "--version")
                .redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.equals("LANG") || k.startsWith("LC_") || k.equals("JAVA_HOME"));
        pb.environment().put("LANG", "C");
        pb.environment().put("PATH", bin + ":/usr/bin:/bin");
        Process p = pb.start();
        assertThat(p.waitFor(1, TimeUnit.MINUTES)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        // THEN java runs under a UTF-8 locale (the launcher used to switch only for a kit in a non-ASCII folder)
        assertThat(out).as(out).containsPattern("LC_ALL=(C|en_US)\\.(UTF-8|utf8)");
    }

    private static boolean machineHasUtf8Locale() throws Exception {
        Process p = new ProcessBuilder("locale", "-a").redirectErrorStream(true).start();
        String all = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return all.lines().anyMatch(l -> l.matches("(C|en_US)\\.(UTF-8|utf8)"));
    }
}
