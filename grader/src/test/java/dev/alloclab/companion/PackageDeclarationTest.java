package dev.alloclab.companion;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PackageDeclarationTest {
    @ParameterizedTest(name = "[{index}] {0} declares ''{1}''")
    @CsvSource(delimiter = '|', value = {
        "package dev.alloclab.exercises.bump;\\nclass A {}                         | dev.alloclab.exercises.bump",
        "\uFEFFpackage a.b;                                                    | a.b",
        "/** javadoc; with a ; */\\n// package x.y;\\npackage a.b ;               | a.b",
        "package /* odd */ a . b;                                              | a.b",
        "import java.util.List;\\nclass A {}                                  | ''",
        "class A { String packageName; }                                       | ''",
        "packaged.Thing x;                                                     | ''",
    })
    void the_first_package_statement_outside_comments_is_read(String source, String expected) {
        assertThat(PackageDeclaration.of(source.replace("\\n", "\n"))).contains(expected);
    }

    @Test
    void a_start_that_is_not_plain_is_unknown_rather_than_a_guess() {
        assertThat(PackageDeclaration.of("@Deprecated\npackage a.b;")).isEmpty();
        assertThat(PackageDeclaration.of("/* never closed\npackage a.b;")).isEmpty();
        assertThat(PackageDeclaration.of("   // only a comment\n")).isEmpty();
        assertThat(PackageDeclaration.of("package a.b")).isEmpty();
        assertThat(PackageDeclaration.of("package a-b;")).isEqualTo(Optional.empty());
    }
}
