package dev.rigel.internal.form;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigel.exceptions.ClientException;
import dev.rigel.exceptions.HttpException;
import dev.rigel.exceptions.UnsupportedMediaTypeException;
import dev.rigel.form.FormConfig;
import dev.rigel.form.FormData;
import dev.rigel.form.UploadFile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FormReaderTest {

    @TempDir
    Path spool;

    final List<Path> created = new ArrayList<>();

    private FormData read(String contentType, String body) {
        return read(contentType, body.getBytes(StandardCharsets.ISO_8859_1), FormConfig.DEFAULT);
    }

    private FormData read(String contentType, byte[] body, FormConfig config) {
        return FormReader.read(contentType, body.length, new ByteArrayInputStream(body), config, created::add);
    }

    private static String multipart(String boundary, String... parts) {
        StringBuilder body = new StringBuilder();
        for (String part : parts) {
            body.append("--").append(boundary).append("\r\n").append(part).append("\r\n");
        }
        return body.append("--").append(boundary).append("--\r\n").toString();
    }

    @Test
    void urlEncodedFieldsDecodeAsUtf8() {
        FormData form =
                read("application/x-www-form-urlencoded; charset=UTF-8", "a=1&a=2&name=J%C3%BCrgen+M&empty=&flag");
        assertThat(form.getAll("a")).containsExactly("1", "2");
        assertThat(form.get("name")).isEqualTo("Jürgen M");
        assertThat(form.get("empty")).isEmpty();
        assertThat(form.get("flag")).isEmpty();
        assertThat(form.files()).isEmpty();
    }

    @Test
    void aFileNameWithANulCharacterIsA400() {
        // found by FormReaderFuzzTest: FileUpload's InvalidPathException escaped as a 500
        String body = multipart(
                "XyZ", "Content-Disposition: form-data; name=\"doc\"; filename=\"a.r\u0000txt\"\r\n\r\ncontent");

        assertThatThrownBy(() -> read("multipart/form-data; boundary=XyZ", body))
                .isInstanceOf(ClientException.class)
                .hasMessage("Malformed multipart body: the file name in field 'doc' contains a NUL character");
        assertThat(created).isEmpty();
    }

    @Test
    void aPartHeaderWithoutANameIsLeftOut() throws IOException {
        // found by FormReaderFuzzTest: the nameless header reached Headers.add, which refuses it (a 500)
        String body = multipart(
                "XyZ", "Content-Disposition: form-data; name=\"doc\"; filename=\"a.txt\"\r\n: nameless\r\n\r\ncontent");

        UploadFile doc = read("multipart/form-data; boundary=XyZ", body).file("doc");

        assertThat(doc.text(StandardCharsets.UTF_8)).isEqualTo("content");
        assertThat(doc.headers().get("content-disposition")).startsWith("form-data");
    }

    @Test
    void multipartFieldsAndFiles() throws IOException {
        String body = multipart(
                "XyZ",
                "Content-Disposition: form-data; name=\"title\"\r\n\r\nHello, world",
                "Content-Disposition: form-data; name=\"latin\"\r\nContent-Type: text/plain; charset=ISO-8859-1\r\n\r\n"
                        + "caf\u00e9",
                "Content-Disposition: form-data; name=\"doc\"; filename=\"r\u00e9sum\u00e9.txt\"\r\n"
                        + "Content-Type: text/plain\r\nX-Extra: 1\r\n\r\nline one\r\nline two");
        FormData form = read(
                "multipart/form-data; boundary=XyZ", body.getBytes(StandardCharsets.ISO_8859_1), FormConfig.DEFAULT);
        assertThat(form.get("title")).isEqualTo("Hello, world");
        assertThat(form.get("latin")).isEqualTo("café");
        UploadFile doc = form.file("doc");
        assertThat(doc.text(StandardCharsets.UTF_8)).isEqualTo("line one\r\nline two");
        assertThat(doc.contentType()).isEqualTo("text/plain");
        assertThat(doc.headers().get("x-extra")).isEqualTo("1");
        assertThat(doc.spooledTo()).isEmpty();
    }

    @Test
    void fileNamesAreReadAsUtf8() throws IOException {
        String body = multipart(
                "b", "Content-Disposition: form-data; name=\"f\"; filename=\"r\u00e9sum\u00e9.txt\"\r\n\r\nx");
        FormData form =
                read("multipart/form-data; boundary=b", body.getBytes(StandardCharsets.UTF_8), FormConfig.DEFAULT);
        assertThat(form.file("f").filename()).isEqualTo("résumé.txt");
    }

    @Test
    void anEmptyFormAndAPreambleAreFine() {
        assertThat(read("multipart/form-data; boundary=b", "--b--\r\n").isEmpty())
                .isTrue();
        FormData form = read(
                "multipart/form-data; boundary=b",
                "ignored preamble\r\n" + multipart("b", "Content-Disposition: form-data; name=\"x\"\r\n\r\n1"));
        assertThat(form.get("x")).isEqualTo("1");
    }

    @Test
    void filesPastTheThresholdGoToTheTempDirectory() throws IOException {
        String content = "0123456789".repeat(1000);
        String body = multipart(
                "b",
                "Content-Disposition: form-data; name=\"f\"; filename=\"big.txt\"\r\n\r\n" + content,
                "Content-Disposition: form-data; name=\"g\"; filename=\"small.txt\"\r\n\r\nsmall");
        FormData form = read(
                "multipart/form-data; boundary=b",
                body.getBytes(StandardCharsets.ISO_8859_1),
                FormConfig.builder().memoryThreshold(5000).tempDirectory(spool).build());
        UploadFile big = form.file("f");
        assertThat(big.spooledTo()).isPresent();
        assertThat(created).containsExactly(big.spooledTo().get());
        assertThat(big.spooledTo().get()).hasContent(content);
        assertThat(big.size()).isEqualTo(10_000);
        assertThat(new String(big.bytes(), StandardCharsets.US_ASCII)).isEqualTo(content);
        assertThat(form.file("g").spooledTo()).isEmpty();
        // a file exactly at the threshold stays in memory
        String exact =
                multipart("b", "Content-Disposition: form-data; name=\"f\"; filename=\"x\"\r\n\r\n" + "y".repeat(5000));
        assertThat(read(
                                "multipart/form-data; boundary=b",
                                exact.getBytes(StandardCharsets.US_ASCII),
                                FormConfig.builder()
                                        .memoryThreshold(5000)
                                        .tempDirectory(spool)
                                        .build())
                        .file("f")
                        .spooledTo())
                .isEmpty();
    }

    @Test
    void theTempFileIsReportedBeforeAFailureSoItCanBeDeleted() {
        String body = multipart(
                "b", "Content-Disposition: form-data; name=\"f\"; filename=\"big\"\r\n\r\n" + "z".repeat(100_000));
        FormConfig config = FormConfig.builder()
                .memoryThreshold(1000)
                .maxFileSize(50_000)
                .tempDirectory(spool)
                .build();
        assertThatThrownBy(
                        () -> read("multipart/form-data; boundary=b", body.getBytes(StandardCharsets.US_ASCII), config))
                .isInstanceOf(HttpException.class)
                .extracting(e -> ((HttpException) e).statusCode())
                .isEqualTo(413);
        assertThat(created).hasSize(1);
    }

    @Test
    void refusals() {
        assertThatThrownBy(() -> read("application/json", "{}")).isInstanceOf(UnsupportedMediaTypeException.class);
        assertThatThrownBy(() -> read(null, ""))
                .isInstanceOf(UnsupportedMediaTypeException.class)
                .hasMessageContaining("no Content-Type");
        assertThatThrownBy(() -> read("multipart/form-data", "--b--"))
                .isInstanceOf(ClientException.class)
                .hasMessageContaining("no boundary");
        assertThatThrownBy(() -> read("multipart/form-data; boundary=b", "no delimiter at all"))
                .isInstanceOf(ClientException.class)
                .hasMessageContaining("never occurs");
        assertThatThrownBy(() -> read(
                        "multipart/form-data; boundary=b",
                        "--b\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\nunterminated"))
                .isInstanceOf(ClientException.class)
                .hasMessageStartingWith("Malformed multipart body");
        String hugeHeader = multipart(
                "b", "Content-Disposition: form-data; name=\"x\"\r\nX-Pad: " + "p".repeat(20_000) + "\r\n\r\n1");
        assertThatThrownBy(() -> read("multipart/form-data; boundary=b", hugeHeader))
                .isInstanceOf(ClientException.class)
                .matches(e -> ((HttpException) e).statusCode() == 400);
        String badCharset = multipart(
                "b",
                "Content-Disposition: form-data; name=\"x\"\r\n"
                        + "Content-Type: text/plain; charset=no-such-charset\r\n\r\n1");
        assertThatThrownBy(() -> read("multipart/form-data; boundary=b", badCharset))
                .isInstanceOf(ClientException.class)
                .hasMessageContaining("no-such-charset");
    }

    @Test
    void delimiterWatchFindsTheDelimiterAcrossReads() throws IOException {
        byte[] data = "xx--b-b--bou--boundary tail".getBytes(StandardCharsets.US_ASCII);
        DelimiterWatch watch = new DelimiterWatch(new ByteArrayInputStream(data), "boundary");
        byte[] buffer = new byte[3];
        while (watch.read(buffer, 0, buffer.length) >= 0) {
            // read in small pieces so the delimiter straddles reads
        }
        assertThat(watch.seen()).isTrue();
        DelimiterWatch absent = new DelimiterWatch(new ByteArrayInputStream("--bound--boundar".getBytes()), "boundary");
        absent.readAllBytes();
        assertThat(absent.seen()).isFalse();
        // overlapping prefixes: "---boundary" still contains "--boundary"
        DelimiterWatch overlapping = new DelimiterWatch(new ByteArrayInputStream("---boundary".getBytes()), "boundary");
        InputStream in = overlapping;
        while (in.read() >= 0) {
            // one byte at a time
        }
        assertThat(overlapping.seen()).isTrue();
    }
}
