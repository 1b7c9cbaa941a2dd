package dev.alloclab.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every ```java snippet of {@code docs/} and compares what it prints with the page. A change in
 * the kit's API that breaks a page breaks the build, with the page, the line and a diff.
 */
class DocsSnippetsTest {
    /** Fragments are shown, not run; they must stay rare. */
    static final int MAX_FRAGMENTS = 6;

    private static final List<Snippet> SNIPPETS = MarkdownSnippets.allUnder(Docs.dir());
    private static final SnippetRunner RUNNER = new SnippetRunner();

    static {
        RUNNER.prepare(SNIPPETS.stream().filter(s -> !s.fragment()).toList());
    }

    @TestFactory
    Stream<DynamicTest> every_snippet_compiles_runs_and_prints_what_its_page_shows() {
        return SNIPPETS.stream().filter(s -> !s.fragment())
                .map(s -> DynamicTest.dynamicTest(s.where(), () -> check(s)));
    }

    static void check(Snippet snippet) {
        SnippetRunner.Result result = RUNNER.run(snippet);
        if (!result.compiled()) {
            fail(snippet.where() + ": this snippet does not compile against the kit any more. Fix the page "
                    + "(or the API change):\n" + result.problem());
        }
        if (result.problem() != null) {
            fail(snippet.where() + ": this snippet " + result.problem() + "\n  it printed before that:\n"
                    + result.output().indent(4));
        }
        snippet.expectedOutput().ifPresent(expected -> {
            if (!OutputDiff.normalize(expected).equals(OutputDiff.normalize(result.output()))) {
                fail(snippet.where() + ": the snippet printed something else than the page shows in the output "
                        + "block at docs/" + snippet.page() + ":" + snippet.outputLine() + "\n"
                        + OutputDiff.render(expected, result.output()));
            }
        });
    }

    @Test
    void the_docs_have_snippets_and_few_fragments() {
        assertThat(SNIPPETS).as("java snippets under docs/").hasSizeGreaterThan(10);
        assertThat(SNIPPETS.stream().filter(Snippet::fragment))
                .as("snippets marked <!-- fragment --> (not run); keep them rare").hasSizeLessThanOrEqualTo(MAX_FRAGMENTS);
        assertThat(SNIPPETS.stream().filter(s -> s.expectedOutput().isPresent()))
                .as("snippets whose output the page shows").hasSizeGreaterThan(SNIPPETS.size() / 2);
    }
}
