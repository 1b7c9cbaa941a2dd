package dev.alloclab.companion;

import dev.alloclab.core.IoReason;
import dev.alloclab.core.KitException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;

/**
 * What a learner is told when {@code check}, {@code progress} or {@code coverage} cannot make the folders they
 * write under the project's {@code target/} (compiled classes, one folder per run): most often a course's shared,
 * read-only copy of the kit, where the bare "cannot make a folder" gave neither the reason nor a way out.
 */
final class ProjectFolders {
    private ProjectFolders() {
    }

    /** The sentence for {@code folder}, which could not be made for {@code what} (e.g. "the compiled classes"). */
    static KitException cannotMake(Path folder, String what, IOException failure) {
        boolean denied = failure instanceof AccessDeniedException;
        return new KitException("cannot make the folder for " + what + ", '" + folder + "': "
                + IoReason.of(failure, folder) + ". The command compiles and runs the exercises under the project's "
                + "target/ folder" + (denied
                ? ", and this copy of the project is read-only for you (a shared install?): work in a copy of your "
                        + "own (git clone it, or ./alloclab export-starter DIR) and run the command there."
                : ": make that folder writable, or work in a copy of the project of your own."));
    }
}
