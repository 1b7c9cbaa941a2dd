package dev.alloclab.grader.compile;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a compiler error in a hidden suite into what the student's classes lack, e.g.
 * {@code method frameCount() of FrameStack is missing (the grader's tests call it)}.
 *
 * <p>Why: the hidden suite compiles against the student's classes, so its errors are the student's to fix, but
 * javac words them from the suite's side: the suite's file name, its line numbers and its local variables
 * ({@code location: variable stack of type ...FrameStack}). The student needs only the class, the member and
 * how it differs from the starter; the rest is the grader's and stays out of the feedback. javac's messages have
 * been joined into one line (its line breaks become {@code "; "}) before they arrive here.
 *
 * <p>INTERNAL.
 */
final class MissingApi {
    private static final String WHAT_TO_DO_SYMBOL = " (the grader's tests call it)";

    private static final Pattern CANNOT_FIND = Pattern.compile(
            "cannot find symbol;\\s*symbol:\\s*(method|variable|class|interface|enum|record|constructor)\\s+(.+?);"
                    + "\\s*location:\\s*(.+)");
    private static final Pattern CANNOT_APPLY = Pattern.compile(
            "(method|constructor) (\\S+) in (?:class|interface|enum|record) (\\S+) cannot be applied to given types;+"
                    + "\\s*required:\\s*(.*?);\\s*found:\\s*(.*?)(?:;\\s*reason:.*)?");
    private static final Pattern INCOMPATIBLE = Pattern.compile(
            "incompatible types: (?:possible lossy conversion from )?(\\S+?)(?: cannot be converted)? to (\\S+)");
    private static final Pattern NOT_PUBLIC = Pattern.compile(
            "(\\S+) is not public in (\\S+); cannot be accessed from outside package");
    private static final Pattern PRIVATE = Pattern.compile("(\\S+) has private access in (\\S+)");
    private static final Pattern ABSTRACT = Pattern.compile("(\\S+) is abstract; cannot be instantiated");
    private static final Pattern NOT_STATIC = Pattern.compile(
            "non-static (method|variable) (\\S+) cannot be referenced from a static context");
    private static final Pattern NO_PACKAGE = Pattern.compile("package (\\S+) does not exist");
    private static final Pattern CHECKED = Pattern.compile(
            "unreported exception (\\S+); must be caught or declared to be thrown");

    private MissingApi() {
    }

    /** One sentence on what the student's classes lack, from javac's (joined) message about a hidden suite. */
    static String sentence(String javacMessage) {
        String m = simpleNames(javacMessage.strip());
        Matcher x = CANNOT_FIND.matcher(m);
        if (x.matches()) {
            String owner = owner(x.group(3));
            return switch (x.group(1)) {
                case "method" -> "method " + x.group(2) + (owner == null ? "" : " of " + owner) + " is missing"
                        + WHAT_TO_DO_SYMBOL;
                case "variable" -> "field " + x.group(2) + (owner == null ? "" : " of " + owner) + " is missing"
                        + WHAT_TO_DO_SYMBOL;
                case "constructor" -> "constructor " + x.group(2) + " is missing" + WHAT_TO_DO_SYMBOL;
                default -> x.group(1) + " " + x.group(2) + " is missing" + (x.group(3).startsWith("package ")
                        ? " from " + x.group(3) : "") + " (the grader's tests use it)";
            };
        }
        if ((x = CANNOT_APPLY.matcher(m)).matches()) {
            String required = x.group(4).equals("no arguments") ? "no arguments" : "(" + x.group(4) + ")";
            String found = x.group(5).equals("no arguments") ? "no arguments" : "(" + x.group(5) + ")";
            return x.group(1).equals("constructor")
                    ? "constructor of " + x.group(3) + " takes " + required + ", but the grader's tests call new "
                            + x.group(3) + " with " + found
                    : "method " + x.group(2) + " of " + x.group(3) + " takes " + required
                            + ", but the grader's tests call it with " + found;
        }
        if ((x = INCOMPATIBLE.matcher(m)).lookingAt()) {
            return "a return or parameter type differs from the starter's: the grader's tests get " + x.group(1)
                    + " where they need " + x.group(2);
        }
        if ((x = NOT_PUBLIC.matcher(m)).matches()) {
            return x.group(1) + " of " + x.group(2) + " is not public (the grader's tests are in another package)";
        }
        if ((x = PRIVATE.matcher(m)).matches()) {
            return x.group(1) + " of " + x.group(2) + " is private" + WHAT_TO_DO_SYMBOL;
        }
        if ((x = ABSTRACT.matcher(m)).matches()) {
            return "class " + x.group(1) + " is abstract, but the grader's tests create one with new";
        }
        if ((x = NOT_STATIC.matcher(m)).matches()) {
            return x.group(1) + " " + x.group(2) + " is not static, but the grader's tests use it on the class, as the "
                    + "starter declares it";
        }
        if ((x = NO_PACKAGE.matcher(m)).matches()) {
            return "package " + x.group(1) + " does not exist (the grader's tests import from it)";
        }
        if ((x = CHECKED.matcher(m)).matches()) {
            return "a method now declares the checked exception " + x.group(1) + ", which the starter's does not: "
                    + "throw an unchecked exception instead";
        }
        // anything else: javac's words, without the suite's local variables
        return m.replaceAll("location: variable \\S+ of type ", "location: ");
    }

    /** {@code FrameStack} from {@code class FrameStack} or {@code variable stack of type FrameStack}; null for a package. */
    private static String owner(String location) {
        Matcher variable = Pattern.compile("variable \\S+ of type (\\S+)").matcher(location);
        if (variable.matches()) {
            return variable.group(1);
        }
        Matcher type = Pattern.compile("(?:class|interface|enum|record) (\\S+)").matcher(location);
        return type.matches() ? type.group(1) : null;
    }

    /** {@code FrameStack} for {@code dev.alloclab.exercises.stackframes.FrameStack}, {@code String} for {@code java.lang.String}. */
    private static String simpleNames(String text) {
        return text.replaceAll("\\bdev\\.alloclab\\.exercises\\.\\w+\\.", "").replaceAll("\\bjava\\.lang\\.", "");
    }
}
