package dev.alloclab.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the Java snippets of the docs' Markdown pages, following the convention every page keeps
 * (written up in {@code docs/README.md}, "How these pages are tested"):
 *
 * <ul>
 *   <li>every block fenced with {@code ```java} is run;</li>
 *   <li>a {@code ```text} block right after it, on the line after an {@code <!-- output -->}
 *       comment, is what it must print;</li>
 *   <li>a {@code <!-- fragment -->} comment on the line before the fence marks a block that is
 *       shown but cannot run on its own (a method of a bigger class, a sketch of an exercise).</li>
 * </ul>
 */
final class MarkdownSnippets {
    static final String OUTPUT_MARKER = "<!-- output -->";
    static final String FRAGMENT_MARKER = "<!-- fragment -->";

    private MarkdownSnippets() {
    }

    /** Every snippet of every {@code .md} file under {@code docs}, page by page, in order. */
    static List<Snippet> allUnder(Path docs) {
        try (Stream<Path> files = Files.walk(docs)) {
            List<Snippet> snippets = new ArrayList<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".md")).sorted().toList()) {
                snippets.addAll(of(docs.relativize(file), Files.readString(file, StandardCharsets.UTF_8)));
            }
            return snippets;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the docs under " + docs, e);
        }
    }

    /** The snippets of one page. */
    static List<Snippet> of(Path page, String markdown) {
        List<String> lines = markdown.lines().toList();
        List<Snippet> snippets = new ArrayList<>();
        int i = 0;
        while (i < lines.size()) {
            String line = lines.get(i).strip();
            if (!line.equals("```java")) {
                i = line.startsWith("```") ? skipBlock(lines, i, page) : i + 1;
                continue;
            }
            int open = i;
            int close = closingFence(lines, open, page);
            String code = String.join("\n", lines.subList(open + 1, close)) + "\n";
            boolean fragment = open > 0 && lines.get(open - 1).strip().equals(FRAGMENT_MARKER);
            Optional<String> output = Optional.empty();
            int outputLine = 0;
            int next = nextNonBlank(lines, close + 1);
            if (next < lines.size() && lines.get(next).strip().equals(OUTPUT_MARKER)) {
                int fence = nextNonBlank(lines, next + 1);
                if (fence >= lines.size() || !lines.get(fence).strip().equals("```text")) {
                    throw new IllegalStateException("docs/" + page + ":" + (next + 1) + ": " + OUTPUT_MARKER
                            + " must be followed by a ```text block holding the snippet's output");
                }
                int end = closingFence(lines, fence, page);
                output = Optional.of(String.join("\n", lines.subList(fence + 1, end)) + "\n");
                outputLine = fence + 1;
                close = end;
            }
            snippets.add(new Snippet(page, open + 1, code, output, outputLine, fragment));
            i = close + 1;
        }
        return snippets;
    }

    private static int skipBlock(List<String> lines, int open, Path page) {
        return closingFence(lines, open, page) + 1;
    }

    private static int closingFence(List<String> lines, int open, Path page) {
        for (int j = open + 1; j < lines.size(); j++) {
            if (lines.get(j).strip().equals("```")) {
                return j;
            }
        }
        throw new IllegalStateException("docs/" + page + ":" + (open + 1) + ": the code block opened here is never "
                + "closed; end it with a line holding only ```");
    }

    private static int nextNonBlank(List<String> lines, int from) {
        int j = from;
        while (j < lines.size() && lines.get(j).isBlank()) {
            j++;
        }
        return j;
    }
}
