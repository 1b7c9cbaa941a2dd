package dev.alloclab.grader.run;

import dev.alloclab.grader.GradingException;
import dev.alloclab.grader.ProcessRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * An unprivileged operating-system user the grading JVM runs as, and with it every process the
 * student's code starts ({@code alloclab grade --worker-user NAME}).
 *
 * <p>Why: student code runs with the rights of the user that starts the grading JVM. When that is the
 * user who also owns the results (Gradescope's {@code results.json}, {@code grade-all}'s stored results),
 * student code can rewrite them: directly while it runs, or through a detached process after the grader
 * wrote them. Run as another user, the grading JVM can write only its own work folder, which
 * {@link #handOver} gives to that user; and when a grading JVM ends, {@link #killEveryProcess} ends every
 * process left of that user (student code may detach from the JVM's process tree) before the grader
 * writes a result.
 *
 * <p>Rules that follow from that cleanup: the grader must run as root (only root may start a process as
 * another user and kill its processes), the user must not be root, and one user serves one grading at a
 * time, since the cleanup kills everything of that user ({@code grade-all --jobs N} takes N users).
 *
 * <p>Linux only: the launch goes through util-linux's {@code setpriv} ({@code --reuid --regid
 * --init-groups --no-new-privs}, which replaces itself with the JVM, so the grader's process handle is the
 * JVM's), or {@code runuser -u NAME --} where {@code setpriv} is missing.
 *
 * <p>INTERNAL.
 */
public final class WorkerUser {
    /** What {@code useradd} accepts on Debian and Ubuntu, at most 32 characters. */
    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_-]{0,30}\\$?");
    private static final List<String> BIN = List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin");

    private final String name;
    private final int uid;
    private final int gid;
    private final Path setpriv;
    private final Path runuser;

    private WorkerUser(String name, int uid, int gid, Path setpriv, Path runuser) {
        this.name = name;
        this.uid = uid;
        this.gid = gid;
        this.setpriv = setpriv;
        this.runuser = runuser;
    }

    /**
     * The user called {@code name}, checked: this machine is Linux, the grader runs as root, the user
     * exists and is not root, and {@code setpriv} or {@code runuser} is installed.
     *
     * @throws GradingException with a sentence saying what to do, when one of those does not hold
     */
    public static WorkerUser named(String name) {
        return check(name, System.getProperty("os.name", ""), currentUid());
    }

    /** {@link #named} with the operating system and the grader's own uid given, so each refusal can be tested. */
    static WorkerUser check(String name, String osName, int graderUid) {
        String option = "--worker-user " + name;
        if (!NAME.matcher(name).matches()) {
            throw new GradingException(option + ": '" + name + "' is not a user name (lower-case letters, digits, '-' "
                    + "and '_', at most 32 characters). Pass the name of an unprivileged user, such as alloclab-worker.");
        }
        if (!osName.toLowerCase(Locale.ROOT).startsWith("linux")) {
            throw new GradingException(option + " works on Linux only (it starts the grading JVM through util-linux's "
                    + "setpriv or runuser), and this is " + osName + ". Grade in a throw-away Linux container or virtual "
                    + "machine instead (see docs/instructors.md, \"Isolation and the threat model\").");
        }
        if (graderUid != 0) {
            throw new GradingException(option + " needs the grader to run as root, so that it can start the grading JVM "
                    + "as '" + name + "' and end that user's processes, but it runs as uid " + graderUid + ". Run it with "
                    + "sudo, or leave the option out and grade in a throw-away container (see docs/instructors.md).");
        }
        int[] ids = lookUp(name);
        if (ids == null) {
            throw new GradingException(option + ": there is no user '" + name + "' on this machine. Create an "
                    + "unprivileged one first: sudo useradd --system --no-create-home --shell /usr/sbin/nologin " + name);
        }
        if (ids[0] == 0) {
            throw new GradingException(option + ": '" + name + "' is root (uid 0), and student code must not run as "
                    + "root. Create an unprivileged user: sudo useradd --system --no-create-home --shell "
                    + "/usr/sbin/nologin alloclab-worker");
        }
        Path setpriv = tool("setpriv");
        Path runuser = tool("runuser");
        if (setpriv == null && runuser == null) {
            throw new GradingException(option + ": neither setpriv nor runuser is installed (both come with util-linux). "
                    + "Install util-linux: sudo apt-get install util-linux");
        }
        return new WorkerUser(name, ids[0], ids[1], setpriv, runuser);
    }

    public String name() {
        return name;
    }

    public int uid() {
        return uid;
    }

    /**
     * What goes before the JVM's command line to start it as this user. {@code --no-new-privs}: no program the
     * student's code starts (a set-user-ID {@code su} or {@code sudo}) can gain more rights than this user has.
     */
    List<String> launchPrefix() {
        if (setpriv != null) {
            return List.of(setpriv.toString(), "--reuid=" + uid, "--regid=" + gid, "--init-groups", "--no-new-privs", "--");
        }
        return List.of(runuser.toString(), "-u", name, "--");
    }

    /**
     * Makes {@code folder} and everything in it this user's, without following symbolic links: the grading JVM
     * reads its compiled classes there and writes its files there (and nowhere else).
     */
    void handOver(Path folder) {
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(folder)) {
            paths = walk.toList();
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalStateException("cannot give the grading folder '" + folder + "' to the user '" + name
                    + "': " + e.getMessage(), e);
        }
        paths.forEach(this::handOverOne);
    }

    /** Makes {@code folder} itself (not what is in it) this user's: the grading JVM's working folder. */
    void handOverOne(Path path) {
        try {
            var lookup = FileSystems.getDefault().getUserPrincipalLookupService();
            UserPrincipal user = lookup.lookupPrincipalByName(String.valueOf(uid));
            GroupPrincipal group = lookup.lookupPrincipalByGroupName(String.valueOf(gid));
            PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class,
                    LinkOption.NOFOLLOW_LINKS);
            view.setOwner(user);
            view.setGroup(group);
        } catch (java.nio.file.NoSuchFileException gone) {
            // removed while we walked (a compiler's temp file): nothing to hand over
        } catch (IOException e) {
            throw new IllegalStateException("cannot give '" + path + "' to the user '" + name + "': " + e.getMessage(), e);
        }
    }

    /**
     * Ends every process of this user, the grading JVM's and any that detached from it, and waits until none is
     * left (or gives up after about two seconds). First with a {@code kill -KILL -1} run as this user (so it
     * reaches exactly what this user may signal: never the grader, which is root's), then process by process from
     * {@code /proc}, for the case where the user cannot start one more process (a fork bomb at its limit).
     *
     * @return how many processes of the user were found on the first look
     */
    public int killEveryProcess() {
        List<Long> first = processes();
        List<Long> left = first;
        for (int round = 0; round < 100 && !left.isEmpty(); round++) {
            if (round % 10 == 0) {
                killAllAsUser();
            }
            for (long pid : left) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
            sleep(20);
            left = processes();
        }
        return first.size();
    }

    /** The live processes (zombies do not count: they are dead, only not yet reaped) whose real, effective or saved uid is this user's. */
    List<Long> processes() {
        Set<Long> grader = graderAndItsAncestors();
        List<Long> pids = new ArrayList<>();
        try (Stream<Path> proc = Files.list(Path.of("/proc"))) {
            for (Path dir : proc.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
                long pid = Long.parseLong(dir.getFileName().toString());
                if (!grader.contains(pid) && ownedByThisUser(dir)) {
                    pids.add(pid);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list /proc to end the processes of '" + name + "'", e);
        }
        return pids;
    }

    private boolean ownedByThisUser(Path procDir) {
        try {
            String status = Files.readString(procDir.resolve("status"), StandardCharsets.US_ASCII);
            String state = field(status, "State:");
            if (state.startsWith("Z") || state.startsWith("X")) {
                return false;
            }
            String[] uids = field(status, "Uid:").trim().split("\\s+");
            for (int i = 0; i < Math.min(3, uids.length); i++) {
                if (Integer.parseInt(uids[i]) == uid) {
                    return true;
                }
            }
            return false;
        } catch (IOException | RuntimeException e) {
            return false; // ended while we looked
        }
    }

    private static String field(String status, String key) {
        for (String line : status.split("\n")) {
            if (line.startsWith(key)) {
                return line.substring(key.length()).trim();
            }
        }
        return "";
    }

    private static Set<Long> graderAndItsAncestors() {
        Set<Long> pids = new java.util.HashSet<>();
        for (ProcessHandle p = ProcessHandle.current(); p != null; p = p.parent().orElse(null)) {
            pids.add(p.pid());
        }
        return pids;
    }

    /** {@code kill -s KILL -- -1} as this user: every process it may signal, in one sweep the kernel makes at once. */
    private void killAllAsUser() {
        Path kill = tool("kill");
        if (kill == null) {
            return; // the /proc walk does it alone
        }
        List<String> command = new ArrayList<>(launchPrefix());
        command.addAll(List.of(kill.toString(), "-s", "KILL", "--", "-1"));
        try {
            ProcessRun.of(command).discardOutput().timeout(Duration.ofSeconds(5)).run();
        } catch (IOException e) {
            // the /proc walk still runs
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** uid and gid of {@code name} through {@code id} (so users from LDAP or NIS are found too), or null. */
    private static int[] lookUp(String name) {
        try {
            int uid = Integer.parseInt(run("id", "-u", name));
            int gid = Integer.parseInt(run("id", "-g", name));
            return new int[] {uid, gid};
        } catch (IOException | NumberFormatException e) {
            return null;
        }
    }

    private static String run(String... command) throws IOException {
        Path tool = tool(command[0]);
        if (tool == null) {
            throw new IOException(command[0] + " is not installed");
        }
        List<String> full = new ArrayList<>(List.of(command));
        full.set(0, tool.toString());
        try {
            ProcessRun.Result result = ProcessRun.of(full).discardErrors().timeout(Duration.ofSeconds(10)).run();
            if (!result.succeeded()) {
                throw new IOException(String.join(" ", command) + (result.timedOut() ? " did not answer" : " failed"));
            }
            return result.output().trim();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** A system tool by its usual place first (the PATH of the grader may be a student's or an instructor's), then the PATH. */
    private static Path tool(String name) {
        List<String> dirs = new ArrayList<>(BIN);
        String path = System.getenv("PATH");
        if (path != null) {
            dirs.addAll(List.of(path.split(java.io.File.pathSeparator)));
        }
        for (String dir : dirs) {
            if (!dir.isEmpty()) {
                Path candidate = Path.of(dir, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        return null;
    }

    /** The real uid of this process, from {@code /proc/self/status}; -1 where there is no such file (not Linux). */
    static int currentUid() {
        try {
            return Integer.parseInt(field(Files.readString(Path.of("/proc/self/status"), StandardCharsets.US_ASCII), "Uid:")
                    .split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
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

    @Override
    public String toString() {
        return name + " (uid " + uid + ")";
    }
}
