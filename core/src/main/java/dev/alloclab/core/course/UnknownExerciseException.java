package dev.alloclab.core.course;

import dev.alloclab.core.KitException;
import java.util.List;
import java.util.stream.Collectors;

/** A name that is not the id of any exercise; the message lists the ids there are. */
public final class UnknownExerciseException extends KitException {
    private static final long serialVersionUID = 1L;

    UnknownExerciseException(String id, List<Exercise> known) {
        super("there is no exercise '" + id + "'.\n  The exercises are: "
                + known.stream().map(Exercise::id).collect(Collectors.joining(", "))
                + ". Use one of these ids (see 'alloclab list').");
    }
}
