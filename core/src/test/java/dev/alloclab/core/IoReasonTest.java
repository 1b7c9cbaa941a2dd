package dev.alloclab.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IoReasonTest {

    @Test
    void nio_exceptions_whose_message_is_only_the_path_get_their_reason_in_words() {
        Path page = Path.of("out/steps.html");
        // GIVEN the exceptions NIO throws, about the path the caller's message already names
        // THEN the reason is said, and the path is not repeated
        assertThat(IoReason.of(new AccessDeniedException("out/steps.html"), page)).isEqualTo("permission denied");
        assertThat(IoReason.of(new NoSuchFileException("out/steps.html"), page)).isEqualTo("no such file or folder");
        assertThat(IoReason.of(new FileAlreadyExistsException("out/steps.html"), page)).isEqualTo("it already exists");
        assertThat(IoReason.of(new NotDirectoryException("out/steps.html"), page)).isEqualTo("it is not a folder");
        assertThat(IoReason.of(new DirectoryNotEmptyException("out/steps.html"), page)).isEqualTo("the folder is not empty");
        assertThat(IoReason.of(new FileSystemException("out/steps.html", null, "Read-only file system"), page))
                .isEqualTo("read-only file system");
    }

    @Test
    void the_file_that_failed_is_named_when_it_is_not_the_one_the_caller_names() {
        Path page = Path.of("out/steps.html");
        assertThat(IoReason.of(new AccessDeniedException("out"), page)).isEqualTo("permission denied ('out')");
        assertThat(IoReason.of(new FileAlreadyExistsException("out"), page)).isEqualTo("'out' already exists");
        assertThat(IoReason.of(new NoSuchFileException("/no/such"))).isEqualTo("no such file or folder ('/no/such')");
    }

    @Test
    void a_plain_io_exception_keeps_its_message_and_one_without_a_message_its_type() {
        assertThat(IoReason.of(new IOException("disk on fire"))).isEqualTo("disk on fire");
        assertThat(IoReason.of(new IOException())).isEqualTo("IOException");
        assertThat(IoReason.of(new FileSystemException("x.html"), Path.of("x.html"))).isEqualTo("FileSystemException");
    }

    @Test
    void a_file_where_a_folder_belongs_is_named_as_such(@TempDir Path dir) throws IOException {
        // GIVEN a file 'notes' and a page asked for at notes/steps.html
        Path notes = Files.writeString(dir.resolve("notes"), "x");
        Path page = notes.resolve("steps.html");
        IOException failure = catchThrowableOfType(IOException.class, () -> Files.createDirectories(notes));
        // THEN the reason names the file that stands where a folder should be
        assertThat(IoReason.of(failure, page)).isEqualTo("'" + notes + "' is a file, not a folder");
    }

    @Test
    void writing_to_a_folder_says_it_is_a_directory(@TempDir Path dir) {
        // GIVEN a real write whose target is a folder (what '--html ""' asks for)
        IOException failure = catchThrowableOfType(IOException.class, () -> Files.writeString(dir, "x"));
        // THEN the operating system's reason is given, starting lower case so it continues a sentence
        assertThat(IoReason.of(failure, dir)).isEqualToIgnoringCase("is a directory");
        assertThat(IoReason.of(failure, dir)).doesNotContain(dir.toString());
    }
}
