package dev.alloclab.export;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A text file under {@code dev/alloclab/export/templates/} with {@code @@NAME@@} placeholders.
 *
 * <p>Why {@code @@NAME@@} and not {@code ${name}}: the templates are Maven poms, shell scripts and
 * GitHub workflows, which all use {@code ${...}} themselves. Filling in refuses a template that still
 * has a placeholder nobody gave a value for, so a typo never reaches a student's repository.
 */
final class Template {
    private static final Pattern PLACEHOLDER = Pattern.compile("@@([A-Z_]+)@@");
    private static final String FOLDER = "dev/alloclab/export/templates/";

    private final String name;
    private final String text;

    private Template(String name, String text) {
        this.name = name;
        this.text = text;
    }

    static Template named(String name) {
        try (InputStream in = Template.class.getClassLoader().getResourceAsStream(FOLDER + name)) {
            if (in == null) {
                throw new ExportException("the grader was built without the template '" + FOLDER + name
                        + "'. Rebuild the kit with ./alloclab (or mvn package).");
            }
            return new Template(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text with every placeholder replaced; a placeholder without a value is an error. */
    String fill(Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                throw new IllegalStateException("template " + name + " has the placeholder @@" + m.group(1)
                        + "@@ but no value was given for it");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
