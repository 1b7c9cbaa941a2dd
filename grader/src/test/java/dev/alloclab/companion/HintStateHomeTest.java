package dev.alloclab.companion;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where {@code hint --next} keeps its count when the project cannot be written (QA edge23 M2): {@code ~} as the
 * shell reads it, never a relative folder named {@code ?} (Java's {@code user.home} for a user id without a password
 * entry, as a container run with {@code -u 1000} has).
 */
class HintStateHomeTest {
    @Test
    void home_is_the_home_variable_when_it_names_a_folder(@TempDir Path home, @TempDir Path passwdHome) {
        assertThat(HintState.homeFolder(home.toString(), passwdHome.toString())).isEqualTo(home);
    }

    @Test
    void a_home_variable_that_is_unset_relative_or_missing_falls_back_to_user_home(@TempDir Path passwdHome) {
        assertThat(HintState.homeFolder(null, passwdHome.toString())).isEqualTo(passwdHome);
        assertThat(HintState.homeFolder("relative/home", passwdHome.toString())).isEqualTo(passwdHome);
        assertThat(HintState.homeFolder(passwdHome.resolve("gone").toString(), passwdHome.toString()))
                .isEqualTo(passwdHome);
    }

    @Test
    void with_neither_the_count_goes_under_the_temp_folder_never_to_a_folder_named_question_mark() {
        Path home = HintState.homeFolder(null, "?");
        assertThat(home).isAbsolute().startsWithRaw(Path.of(System.getProperty("java.io.tmpdir")));
        assertThat(home.toString()).doesNotContain("?");
        assertThat(HintState.homeFolder("", "/nonexistent")).isEqualTo(home);
    }
}
