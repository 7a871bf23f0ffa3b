package dev.rigel.internal.form;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rigel.exceptions.ClientErrors;
import dev.rigel.exceptions.FuzzInput;
import dev.rigel.form.FormConfig;
import dev.rigel.form.FormData;
import dev.rigel.form.UploadFile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Any form body (first line: the Content-Type; the rest: the body, CRLFs and all) is read or
 * refused with a 4xx (400 malformed, 413 too large, 415 not a form); every temporary file it
 * made is reported, so none is left behind.
 */
class FormReaderFuzzTest {

    private static final Path TEMP = temporaryDirectory();

    /** Small limits, so the fuzzer reaches them: files past 64 bytes go to disk. */
    private static final FormConfig CONFIG = FormConfig.builder()
            .memoryThreshold(64)
            .maxParts(16)
            .maxFieldSize(1024)
            .maxFileSize(4096)
            .maxPartHeaderSize(512)
            .tempDirectory(TEMP)
            .build();

    @FuzzTest
    void readsOrRefusesAnyFormBody(byte[] data) {
        FuzzInput input = FuzzInput.of(data);
        String contentType = input.head();
        byte[] body = input.rest();
        List<Path> tempFiles = new ArrayList<>();
        try {
            ClientErrors.allowOnly4xx(() -> {
                FormData form = FormReader.read(
                        contentType, body.length, new ByteArrayInputStream(body), CONFIG, tempFiles::add);
                for (UploadFile file : form.files()) {
                    assertThat(file.size()).isBetween(0L, (long) body.length);
                    try {
                        assertThat(file.bytes()).hasSize((int) file.size());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            });
            ClientErrors.within(
                    ClientErrors.TIME_LIMIT, () -> FormReader.peekField(contentType, body, "csrf_token", 16));
        } finally {
            for (Path file : tempFiles) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // the directory is deleted on exit anyway
                }
            }
        }
    }

    private static Path temporaryDirectory() {
        try {
            Path dir = Files.createTempDirectory("rigel-form-fuzz");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
