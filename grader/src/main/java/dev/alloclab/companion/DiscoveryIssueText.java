package dev.alloclab.companion;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * JUnit's refusal of a test class, in one line. When JUnit finds a critical issue while it discovers the tests (a
 * non-static {@code @BeforeAll} without {@code @TestInstance(PER_CLASS)}), the whole engine fails with a
 * {@code DiscoveryIssueException} whose first line only says that there was an issue; the issue itself follows a
 * blank line ({@code (1) [ERROR] @BeforeAll method '...' must be static unless ...}), where a one-line report cut
 * it off. This reads those numbered issues back.
 */
public final class DiscoveryIssueText {
    private static final Pattern ISSUE = Pattern.compile("^\\(\\d+\\) \\[(\\w+)\\] (.+)$", Pattern.MULTILINE);

    private DiscoveryIssueText() {
    }

    /**
     * {@code "JUnit refused your tests: @BeforeAll method 'void ...notStatic()' must be static unless ..."} for a
     * failure that is JUnit's discovery issue; empty for any other.
     */
    public static Optional<String> of(Throwable failure) {
        if (failure == null || !failure.getClass().getSimpleName().equals("DiscoveryIssueException")
                || failure.getMessage() == null) {
            return Optional.empty();
        }
        List<String> issues = new ArrayList<>();
        Matcher m = ISSUE.matcher(failure.getMessage());
        while (m.find()) {
            issues.add(m.group(2).strip());
        }
        return issues.isEmpty() ? Optional.empty() : Optional.of("JUnit refused your tests: " + String.join("; ", issues));
    }
}
