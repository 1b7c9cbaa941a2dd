package dev.alloclab.docs;

import java.nio.file.Path;
import java.util.Optional;

/**
 * One ```java block of a docs page.
 *
 * @param page the Markdown file, relative to {@code docs/}
 * @param line the 1-based line of the opening fence
 * @param code the block's text
 * @param expectedOutput the text of the {@code <!-- output -->} block that follows it, if any
 * @param outputLine the 1-based line of that output block's fence, or 0
 * @param fragment true when the page marks the block {@code <!-- fragment -->}: shown, never run
 */
record Snippet(Path page, int line, String code, Optional<String> expectedOutput, int outputLine, boolean fragment) {
    /** {@code 02-the-heap.md:42}, the way editors and CI logs link to a line. */
    String where() {
        return "docs/" + page.toString().replace('\\', '/') + ":" + line;
    }

    @Override
    public String toString() {
        return where();
    }
}
