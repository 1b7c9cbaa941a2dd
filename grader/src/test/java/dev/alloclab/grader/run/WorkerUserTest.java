package dev.alloclab.grader.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alloclab.grader.GradingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link WorkerUser}: when the option is refused (each time with a sentence saying what to do), and, as root, that
 * the cleanup ends every process of the user, detached ones included, and nothing of anyone else.
 */
class WorkerUserTest {
    @TempDir
    Path temp;

    @Test
    void a_grader_that_is_not_root_is_told_to_use_sudo_or_a_container() {
        // GIVEN a grader running as uid 1000 WHEN it is asked to grade as another user THEN it refuses and says why
        assertThatThrownBy(() -> WorkerUser.check("alloclab-worker", "Linux", 1000))
                .isInstanceOf(GradingException.class)
                .hasMessageStartingWith("--worker-user alloclab-worker needs the grader to run as root")
                .hasMessageContaining("uid 1000", "sudo", "throw-away container");
    }

    @Test
    void another_operating_system_is_told_to_use_a_linux_container() {
        assertThatThrownBy(() -> WorkerUser.check("alloclab-worker", "Mac OS X", 0))
                .isInstanceOf(GradingException.class)
                .hasMessageContaining("works on Linux only", "Mac OS X", "container");
    }

    @Test
    void a_user_that_does_not_exist_is_refused_with_the_useradd_line_that_makes_it() {
        assertThatThrownBy(() -> WorkerUser.check("alloclab-nobody-here", "Linux", 0))
                .isInstanceOf(GradingException.class)
                .hasMessageContaining("there is no user 'alloclab-nobody-here'",
                        "useradd --system --no-create-home --shell /usr/sbin/nologin alloclab-nobody-here");
    }

    @Test
    void root_itself_and_a_name_that_is_no_user_name_are_refused() {
        TestWorkerUsers.assumeRoot(); // 'root' is looked up: as another user the not-root refusal comes first
        assertThatThrownBy(() -> WorkerUser.check("root", "Linux", 0))
                .isInstanceOf(GradingException.class).hasMessageContaining("'root' is root (uid 0)");
        assertThatThrownBy(() -> WorkerUser.check("-rf /", "Linux", 0))
                .isInstanceOf(GradingException.class).hasMessageContaining("is not a user name");
    }

    @Test
    void the_cleanup_ends_a_detached_process_of_the_user_and_leaves_the_graders_alone() throws Exception {
        // GIVEN a worker user with a process that left its parent's tree (setsid, parent gone), and one of root's
        WorkerUser user = WorkerUser.named(TestWorkerUsers.ensure(1));
        user.killEveryProcess();
        List<String> detach = new ArrayList<>(user.launchPrefix());
        detach.addAll(List.of("setsid", "-f", "sleep", "600"));
        Process starter = new ProcessBuilder(detach).redirectErrorStream(true).start();
        assertThat(starter.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(waitForProcesses(user)).as("the detached sleep runs as the worker user").isNotEmpty();
        Process roots = new ProcessBuilder("sleep", "600").start();
        try {
            // WHEN every process of the user is ended
            int found = user.killEveryProcess();
            // THEN the detached one is gone, and root's process and the grader itself still run
            assertThat(found).isPositive();
            assertThat(user.processes()).isEmpty();
            assertThat(roots.isAlive()).isTrue();
        } finally {
            roots.destroyForcibly();
        }
    }

    @Test
    void a_handed_over_folder_belongs_to_the_user_down_to_its_last_file_and_a_link_is_not_followed() throws Exception {
        // GIVEN a work folder written by root, with a link to a file of root's outside it
        WorkerUser user = WorkerUser.named(TestWorkerUsers.ensure(1));
        Path outside = Files.writeString(temp.resolve("roots.txt"), "root's");
        Path work = Files.createDirectories(temp.resolve("work/classes/dev"));
        Files.writeString(work.resolve("A.class"), "x");
        Files.createSymbolicLink(temp.resolve("work/link"), outside);
        // WHEN it is handed over
        user.handOver(temp.resolve("work"));
        // THEN the folder and its files are the user's, and the file behind the link is still root's
        for (Path p : List.of(temp.resolve("work"), work, work.resolve("A.class"))) {
            assertThat(Files.getAttribute(p, "unix:uid")).as("%s", p).isEqualTo(user.uid());
        }
        assertThat(Files.getAttribute(outside, "unix:uid")).isEqualTo(0);
    }

    private static List<Long> waitForProcesses(WorkerUser user) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            List<Long> found = user.processes();
            if (!found.isEmpty()) {
                return found;
            }
            Thread.sleep(50);
        }
        return List.of();
    }
}
