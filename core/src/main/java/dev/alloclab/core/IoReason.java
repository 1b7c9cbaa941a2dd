package dev.alloclab.core;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Why a file operation failed, in a few words a learner can act on.
 *
 * <p>NIO's exceptions keep the reason in their class and {@code getMessage()} is often only the
 * path: "could not write /proc/x.html: /proc/x.html" says nothing. This turns
 * {@link AccessDeniedException} into "permission denied", {@link NoSuchFileException} into "no such
 * file or folder", and any other {@link FileSystemException} into its operating system's reason
 * ("read-only file system", "no space left on device"), so a message reads
 * {@code could not write the step-through page to /proc/x.html: permission denied}.
 */
public final class IoReason {
    private IoReason() {
    }

    /**
     * The reason {@code failure} happened. The file it names is added only when it is not
     * {@code named}, the path the caller's message already shows: "permission denied on 'out'"
     * when writing {@code out/steps.html} failed at its folder.
     *
     * @param named the path the caller's message names, or null
     */
    public static String of(IOException failure, Path named) {
        Checks.notNull(failure, "failure");
        String file = failure instanceof FileSystemException fs ? fs.getFile() : null;
        String on = file == null || sameFile(file, named) ? "" : " ('" + file + "')";
        Path inTheWay = fileWhereAFolderBelongs(file, !on.isEmpty());
        if (inTheWay != null) {
            return "'" + inTheWay + "' is a file, not a folder";
        }
        if (failure instanceof AccessDeniedException) {
            return "permission denied" + on;
        }
        if (failure instanceof NoSuchFileException) {
            return "no such file or folder" + on;
        }
        if (failure instanceof FileAlreadyExistsException) {
            return (on.isEmpty() ? "it" : "'" + file + "'") + " already exists";
        }
        if (failure instanceof NotDirectoryException) {
            return (on.isEmpty() ? "it" : "'" + file + "'") + " is not a folder";
        }
        if (failure instanceof DirectoryNotEmptyException) {
            return (on.isEmpty() ? "the folder" : "folder '" + file + "'") + " is not empty";
        }
        if (failure instanceof FileSystemException fs && fs.getReason() != null && !fs.getReason().isBlank()) {
            return lowerFirst(fs.getReason().strip()) + on;
        }
        String message = failure.getMessage();
        if (message == null || message.isBlank() || (file != null && message.strip().equals(file))) {
            return failure.getClass().getSimpleName() + on;
        }
        return lowerFirst(message.strip());
    }

    /** The reason alone, naming the file it concerns when the exception knows one. */
    public static String of(IOException failure) {
        return of(failure, null);
    }

    private static boolean sameFile(String file, Path named) {
        if (named == null) {
            return false;
        }
        try {
            return Path.of(file).toAbsolutePath().normalize().equals(named.toAbsolutePath().normalize());
        } catch (InvalidPathException e) {
            return false;
        }
    }

    /**
     * A file standing where the path to {@code file} needs a folder: one of its parents, or
     * {@code file} itself when it is not the caller's path (creating the folders above the caller's
     * path met it). Null when there is none.
     */
    private static Path fileWhereAFolderBelongs(String file, boolean itselfToo) {
        if (file == null) {
            return null;
        }
        try {
            Path path = Path.of(file);
            for (Path p = itselfToo ? path : path.getParent(); p != null; p = p.getParent()) {
                if (Files.isRegularFile(p)) {
                    return p;
                }
            }
            return null;
        } catch (InvalidPathException e) {
            return null;
        }
    }

    /** "Is a directory" -> "is a directory": the reason continues a sentence. */
    private static String lowerFirst(String reason) {
        return reason.length() > 1 && Character.isUpperCase(reason.charAt(0)) && !Character.isUpperCase(reason.charAt(1))
                ? reason.substring(0, 1).toLowerCase(Locale.ROOT) + reason.substring(1) : reason;
    }
}
