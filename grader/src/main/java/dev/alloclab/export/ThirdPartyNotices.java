package dev.alloclab.export;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The notices of the libraries the kit's jars bundle ({@code THIRD-PARTY.md} at the repository's root,
 * packed into the grader at {@value #RESOURCE}). Every export that hands out jars writes them next to
 * those jars, so a course that passes the starter or the Gradescope zip on passes the licences with it.
 */
final class ThirdPartyNotices {
    static final String RESOURCE = "META-INF/alloclab/THIRD-PARTY.md";
    static final String FILE_NAME = "THIRD-PARTY.md";

    private ThirdPartyNotices() {
    }

    static byte[] text() {
        try (InputStream in = ThirdPartyNotices.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new ExportException("the kit was built without " + RESOURCE + " (the third-party notices); "
                        + "rebuild it from a full checkout (mvn package).");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
