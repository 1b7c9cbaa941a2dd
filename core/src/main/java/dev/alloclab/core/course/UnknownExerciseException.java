package dev.alloclab.core.course;

import dev.alloclab.core.KitException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A name that is neither the id nor the package name of any exercise; the message lists both. It names no
 * command to look them up with: a student starter's companion has no {@code list}, so the list itself is the help.
 */
public final class UnknownExerciseException extends KitException {
    private static final long serialVersionUID = 1L;

    UnknownExerciseException(String id, List<Exercise> known) {
        super("there is no exercise '" + id + "'.\n  The exercises are: "
                + known.stream().map(e -> e.id().equals(e.packageName()) ? e.id() : e.id() + " (" + e.packageName() + ")")
                        .collect(Collectors.joining(", "))
                + ".\n  Use an id or a package name, e.g. bump or implicit-list (or implicitlist).");
    }
}
