package dev.alloclab.export;

import dev.alloclab.core.KitException;

/**
 * An export that cannot be written: a bad target folder, an unreadable file. The CLI prints only the message,
 * after the command's name ({@code export-gradescope: ...}), so a message never starts with the name itself.
 */
public final class ExportException extends KitException {
    private static final long serialVersionUID = 1L;

    public ExportException(String message) {
        super(message);
    }

    public ExportException(String message, Throwable cause) {
        super(message, cause);
    }
}
