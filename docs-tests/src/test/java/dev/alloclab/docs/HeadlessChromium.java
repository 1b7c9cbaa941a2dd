package dev.alloclab.docs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Finds (or installs) Chromium and asks it for a page's DOM after its scripts ran. Debian's package
 * is installed with apt-get when the browser is missing and the build runs as root, so a fresh CI
 * machine needs nothing but the README's test command.
 */
final class HeadlessChromium {
    static final long INSTALL_TIMEOUT_MINUTES = 10;
    static final long PAGE_TIMEOUT_SECONDS = 60;

    private final Path binary;

    private HeadlessChromium(Path binary) {
        this.binary = binary;
    }

    /** The browser, installing it if needed and possible; empty with the reason written to {@code why}. */
    static Optional<HeadlessChromium> find(StringBuilder why) {
        Path configured = Path.of(System.getProperty("alloclab.browser", "/usr/bin/chromium"));
        if (Files.isExecutable(configured)) {
            return Optional.of(new HeadlessChromium(configured));
        }
        if (!isRoot()) {
            why.append(configured).append(" is missing and this build is not root, so it cannot run apt-get. ")
                    .append("Install Chromium (apt-get install -y chromium) or pass -Dalloclab.browser=/path/to/chromium.");
            return Optional.empty();
        }
        if (!Files.isExecutable(Path.of("/usr/bin/apt-get"))) {
            why.append(configured).append(" is missing and there is no apt-get here to install it. ")
                    .append("Pass -Dalloclab.browser=/path/to/chromium.");
            return Optional.empty();
        }
        System.out.println("[docs-tests] Chromium is missing: installing Debian's package (apt-get install -y chromium)");
        String log = aptGet("install", "-y", "chromium");
        if (!Files.isExecutable(configured)) {
            log += aptGet("update") + aptGet("install", "-y", "chromium");
        }
        if (Files.isExecutable(configured)) {
            return Optional.of(new HeadlessChromium(configured));
        }
        why.append("apt-get could not install chromium; its last lines:\n").append(tail(log, 10));
        return Optional.empty();
    }

    private static boolean isRoot() {
        try {
            Process id = new ProcessBuilder("id", "-u").redirectErrorStream(true).start();
            String out = new String(id.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return id.waitFor(10, TimeUnit.SECONDS) && out.equals("0");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String aptGet(String... args) {
        List<String> command = new ArrayList<>(List.of("apt-get"));
        command.addAll(List.of(args));
        try {
            Path log = Files.createTempFile("alloclab-apt", ".log");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
            Process apt = builder.start();
            if (!apt.waitFor(INSTALL_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                apt.destroyForcibly();
                return "apt-get " + String.join(" ", args) + " took longer than " + INSTALL_TIMEOUT_MINUTES
                        + " minutes and was stopped\n";
            }
            String out = Files.readString(log);
            Files.deleteIfExists(log);
            return out;
        } catch (IOException e) {
            return "apt-get could not start: " + e.getMessage() + "\n";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted\n";
        }
    }

    private static String tail(String text, int lines) {
        List<String> all = text.lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    /** The page's DOM, serialized after its scripts ran (Chromium's {@code --dump-dom}). */
    String dumpDom(String url) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("alloclab-chromium");
        try {
            List<String> command = List.of(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                    "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile, "--dump-dom", url);
            Path out = profile.resolve("dom.html");
            Path err = profile.resolve("stderr.txt");
            Process chromium = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!chromium.waitFor(PAGE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                chromium.descendants().forEach(ProcessHandle::destroyForcibly);
                chromium.destroyForcibly();
                throw new AssertionError("Chromium did not finish loading " + url + " within " + PAGE_TIMEOUT_SECONDS + " s");
            }
            String dom = Files.readString(out);
            if (dom.isBlank()) {
                throw new AssertionError("Chromium printed no DOM for " + url + " (exit " + chromium.exitValue()
                        + "); its stderr:\n" + tail(Files.readString(err), 15));
            }
            return dom;
        } finally {
            deleteTree(profile);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
