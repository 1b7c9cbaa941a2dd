package dev.alloclab.grader.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import dev.alloclab.testing.KitRoot;

/**
 * Unprivileged users for the tests that grade with {@code --worker-user}, made with {@code useradd} when missing
 * (which needs root: without it those tests are skipped with a sentence).
 *
 * <p>Each clone of the kit gets users of its own ({@code alloclab-t<hash of its path>-N}): the end of a grading
 * kills every process of its user, so two clones testing at once on one machine must not share one.
 */
public final class TestWorkerUsers {
    private TestWorkerUsers() {
    }

    /** Skips the calling test unless the tests run as root on Linux. */
    public static void assumeRoot() {
        Assumptions.assumeTrue(System.getProperty("os.name", "").startsWith("Linux") && WorkerUser.currentUid() == 0,
                "grading as another user needs the tests to run as root on Linux; they run as uid " + WorkerUser.currentUid());
    }

    /** The users named in this test JVM: removed when it ends, so test runs leave no accounts behind. */
    private static final java.util.Set<String> NAMED = new java.util.concurrent.ConcurrentSkipListSet<>();

    /**
     * The name of this clone's {@code n}-th test user (it may not exist yet: {@link #ensure} or a tried-out
     * {@code run_autograder} makes it). When the test JVM ends, a user of that name is deleted ({@code userdel}).
     */
    public static String name(int n) {
        String root = KitRoot.path().toString();
        try {
            byte[] sha = java.security.MessageDigest.getInstance("SHA-256").digest(root.getBytes(StandardCharsets.UTF_8));
            String name = "alloclab-t" + HexFormat.of().formatHex(sha, 0, 4) + "-" + n;
            if (NAMED.add(name) && WorkerUser.currentUid() == 0) {
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    if (exists(name)) {
                        run("userdel", name);
                    }
                }, "remove test user " + name));
            }
            return name;
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** This clone's {@code n}-th test user, made if missing; skips the test when not root. */
    public static String ensure(int n) {
        assumeRoot();
        String name = name(n);
        for (int attempt = 0; attempt < 10 && !exists(name); attempt++) {
            run("useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", name);
            if (!exists(name)) {
                sleep(500); // /etc/passwd locked by someone else's useradd
            }
        }
        if (!exists(name)) {
            throw new IllegalStateException("could not make the test user " + name + " with useradd");
        }
        return name;
    }

    static boolean exists(String name) {
        return run("id", "-u", name) == 0;
    }

    private static int run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
