package dev.rigel.internal.form;

import dev.rigel.exceptions.ClientException;
import dev.rigel.exceptions.RequestEntityTooLargeException;
import dev.rigel.exceptions.UnsupportedMediaTypeException;
import dev.rigel.form.FormConfig;
import dev.rigel.form.FormData;
import dev.rigel.form.UploadFile;
import dev.rigel.internal.http.MediaType;
import dev.rigel.internal.text.QueryStringParser;
import dev.rigel.protocol.Headers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.commons.fileupload2.core.AbstractFileUpload;
import org.apache.commons.fileupload2.core.DiskFileItem;
import org.apache.commons.fileupload2.core.DiskFileItemFactory;
import org.apache.commons.fileupload2.core.FileItemHeaders;
import org.apache.commons.fileupload2.core.FileItemInput;
import org.apache.commons.fileupload2.core.FileItemInputIterator;
import org.apache.commons.fileupload2.core.FileUploadException;
import org.apache.commons.fileupload2.core.RequestContext;

/**
 * Decodes a form body. URL-encoded bodies are small by nature and parsed whole. Multipart bodies
 * are streamed part by part through Apache Commons FileUpload's parser: text fields are collected
 * (each at most {@code maxFieldSize}), files are copied into memory until they pass
 * {@code memoryThreshold} and into a temporary file from then on, so no upload is ever held whole
 * in memory. Every temporary file is reported to {@code onTempFile} the moment it is created, so
 * the caller deletes it however reading ends.
 */
public final class FormReader {

    static final String URLENCODED = "application/x-www-form-urlencoded";
    static final String MULTIPART = "multipart/form-data";
    private static final int BUFFER = 16 * 1024;

    private FormReader() {}

    /** Whether {@code contentType} is one of the two form encodings. */
    public static boolean isForm(String contentType) {
        MediaType type = MediaType.parse(contentType);
        return type != null
                && (type.essence().equals(URLENCODED) || type.essence().equals(MULTIPART));
    }

    /**
     * Reads the form in {@code body}.
     *
     * @param declaredLength the body's {@code Content-Length}, or -1
     * @param body the body; it enforces the route's total size limit itself (413)
     */
    public static FormData read(
            String contentType, long declaredLength, InputStream body, FormConfig config, Consumer<Path> onTempFile) {
        MediaType type = MediaType.parse(contentType);
        if (type == null
                || !(type.essence().equals(URLENCODED) || type.essence().equals(MULTIPART))) {
            throw new UnsupportedMediaTypeException("Expected a form body (" + URLENCODED + " or " + MULTIPART
                    + "), got " + (contentType == null ? "no Content-Type" : "'" + contentType + "'"));
        }
        try {
            if (type.essence().equals(URLENCODED)) {
                return urlEncoded(body, config.maxParts());
            }
            if (type.param("boundary") == null || type.param("boundary").isEmpty()) {
                throw new ClientException("Malformed multipart body: the Content-Type has no boundary");
            }
            DelimiterWatch watched = new DelimiterWatch(body, type.param("boundary"));
            FormData form = multipart(contentType, declaredLength, watched, config, onTempFile);
            if (form.isEmpty() && !watched.seen()) {
                throw new ClientException("Malformed multipart body: the boundary given in the Content-Type never"
                        + " occurs in the body");
            }
            return form;
        } catch (FileUploadException e) {
            // the parser's own refusals, the part-header size limit among them: the body is at fault
            throw new ClientException("Malformed multipart body: " + e.getMessage());
        } catch (IOException e) {
            // the client's body ended early or could not be read; spooling to disk failing is ours
            if (e instanceof SpoolException spool) {
                throw new java.io.UncheckedIOException("Cannot store an uploaded file: " + spool.getMessage(), spool);
            }
            throw new ClientException("Malformed form body: " + e.getMessage());
        }
    }

    /**
     * The value of text field {@code name} in the first bytes of a multipart body, or null when it is
     * not among the parts complete within {@code prefix}: a middleware's look ahead (the CSRF token),
     * which must not read a whole upload to find one small field.
     */
    public static String peekField(String contentType, byte[] prefix, String name, int maxParts) {
        MediaType type = MediaType.parse(contentType);
        if (type == null || !type.essence().equals(MULTIPART) || type.param("boundary") == null) {
            return null;
        }
        try {
            Parser parser = new Parser();
            parser.setMaxPartHeaderSize(FormConfig.DEFAULT.maxPartHeaderSize());
            parser.setHeaderCharset(StandardCharsets.UTF_8);
            FileItemInputIterator parts =
                    parser.getItemIterator(new BodyContext(contentType, -1, new java.io.ByteArrayInputStream(prefix)));
            for (int count = 0; count < maxParts && parts.hasNext(); count++) {
                FileItemInput part = parts.next();
                if (part.isFormField() && name.equals(part.getFieldName())) {
                    try (InputStream in = part.getInputStream()) {
                        return new String(in.readNBytes(4096), charset(part));
                    }
                }
            }
        } catch (IOException | RuntimeException truncatedOrMalformed) {
            // the prefix ended inside a part, or the body is no valid multipart: no field found
        }
        return null;
    }

    private static FormData urlEncoded(InputStream body, int maxFields) throws IOException {
        // browsers percent-encode every non-ASCII byte as UTF-8; raw UTF-8 from other clients reads the same
        String text = new String(body.readAllBytes(), StandardCharsets.UTF_8);
        Map<String, List<String>> fields = QueryStringParser.parse(text).asMap();
        if (fields.values().stream().mapToInt(List::size).sum() > maxFields) {
            throw new ClientException("Too many fields in the form body: at most " + maxFields + " are accepted");
        }
        return new FormData(fields, Map.of());
    }

    private static FormData multipart(
            String contentType, long declaredLength, InputStream body, FormConfig config, Consumer<Path> onTempFile)
            throws IOException {
        Parser parser = new Parser();
        parser.setMaxPartHeaderSize(config.maxPartHeaderSize());
        parser.setHeaderCharset(StandardCharsets.UTF_8);
        Map<String, List<String>> fields = new LinkedHashMap<>();
        Map<String, List<UploadFile>> files = new LinkedHashMap<>();
        FileItemInputIterator parts = parser.getItemIterator(new BodyContext(contentType, declaredLength, body));
        int count = 0;
        while (parts.hasNext()) {
            FileItemInput part = parts.next();
            if (++count > config.maxParts()) {
                throw new ClientException(
                        "Too many parts in the multipart body: at most " + config.maxParts() + " are accepted");
            }
            String name = part.getFieldName() == null ? "" : part.getFieldName();
            if (part.isFormField()) {
                byte[] value = readField(part, name, config.maxFieldSize());
                fields.computeIfAbsent(name, key -> new ArrayList<>(1)).add(new String(value, charset(part)));
            } else {
                SpooledUploadFile file = spool(part, name, config, onTempFile);
                if (!file.filename().isEmpty() || file.size() > 0) {
                    // a file input left empty still sends a part: no name, no content, no file
                    files.computeIfAbsent(name, key -> new ArrayList<>(1)).add(file);
                }
            }
        }
        return new FormData(fields, files);
    }

    private static byte[] readField(FileItemInput part, String name, long limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = part.getInputStream()) {
            byte[] buffer = new byte[BUFFER];
            int read;
            while ((read = in.read(buffer)) >= 0) {
                if (out.size() + (long) read > limit) {
                    throw new RequestEntityTooLargeException("Form field '" + name + "' is larger than the " + limit
                            + " bytes accepted for a text field");
                }
                out.write(buffer, 0, read);
            }
        }
        return out.toByteArray();
    }

    private static SpooledUploadFile spool(
            FileItemInput part, String name, FormConfig config, Consumer<Path> onTempFile) throws IOException {
        String filename = filename(part, name);
        ByteArrayOutputStream memory = new ByteArrayOutputStream();
        Path file = null;
        OutputStream disk = null;
        long size = 0;
        try (InputStream in = part.getInputStream()) {
            byte[] buffer = new byte[BUFFER];
            int read;
            while ((read = in.read(buffer)) >= 0) {
                size += read;
                if (config.maxFileSize() > 0 && size > config.maxFileSize()) {
                    throw new RequestEntityTooLargeException("File '" + filename + "' (field '" + name
                            + "') is larger than the " + config.maxFileSize() + " bytes accepted for a file");
                }
                if (disk == null && size > config.memoryThreshold()) {
                    file = createTempFile(config);
                    onTempFile.accept(file);
                    disk = Files.newOutputStream(file);
                    memory.writeTo(disk);
                    memory = null;
                }
                if (disk != null) {
                    write(disk, buffer, read);
                } else {
                    memory.write(buffer, 0, read);
                }
            }
        } finally {
            if (disk != null) {
                disk.close();
            }
        }
        Headers headers = headers(part.getHeaders());
        String contentType = part.getContentType() == null ? "application/octet-stream" : part.getContentType();
        return new SpooledUploadFile(
                name, filename, contentType, headers, size, memory == null ? null : memory.toByteArray(), file);
    }

    /** The part's file name as sent ("" for none); one with a NUL character is the client's error. */
    private static String filename(FileItemInput part, String field) {
        try {
            return part.getName() == null ? "" : part.getName();
        } catch (java.nio.file.InvalidPathException nul) {
            // FileUpload refuses such names with an unchecked exception, which would otherwise be a 500
            throw new ClientException(
                    "Malformed multipart body: the file name in field '" + field + "' contains a NUL character");
        }
    }

    private static void write(OutputStream disk, byte[] buffer, int length) throws SpoolException {
        try {
            disk.write(buffer, 0, length);
        } catch (IOException e) {
            throw new SpoolException(e);
        }
    }

    private static Path createTempFile(FormConfig config) throws SpoolException {
        try {
            return config.tempDirectory() == null
                    ? Files.createTempFile("rigel-upload-", ".part")
                    : Files.createTempFile(config.tempDirectory(), "rigel-upload-", ".part");
        } catch (IOException e) {
            throw new SpoolException(e);
        }
    }

    private static Headers headers(FileItemHeaders source) {
        Headers headers = new Headers(4);
        if (source == null) {
            return headers;
        }
        for (Iterator<String> names = source.getHeaderNames(); names.hasNext(); ) {
            String name = names.next();
            if (name == null || name.isEmpty()) {
                continue; // a part header line ": value" names nothing (FileUpload passes it on)
            }
            for (Iterator<String> values = source.getHeaders(name); values.hasNext(); ) {
                String value = values.next();
                headers.add(name, value == null ? "" : value);
            }
        }
        return headers;
    }

    /** A text field's charset: its own {@code Content-Type}'s, else UTF-8 (what browsers send). */
    private static Charset charset(FileItemInput part) {
        MediaType type = MediaType.parse(part.getContentType());
        String name = type == null ? null : type.param("charset");
        if (name != null) {
            try {
                return Charset.forName(name);
            } catch (IllegalCharsetNameException | UnsupportedCharsetException unknown) {
                throw new ClientException(
                        "Form field '" + part.getFieldName() + "' has an unknown charset '" + name + "'");
            }
        }
        return StandardCharsets.UTF_8;
    }

    /** Writing an upload to the temporary directory failed: a server problem, not the client's. */
    private static final class SpoolException extends IOException {
        SpoolException(IOException cause) {
            super(cause.toString(), cause);
        }
    }

    /** The library's upload class, used only for its streaming iterator. */
    private static final class Parser extends AbstractFileUpload<RequestContext, DiskFileItem, DiskFileItemFactory> {
        @Override
        public FileItemInputIterator getItemIterator(RequestContext request) throws FileUploadException, IOException {
            return super.getItemIterator(request);
        }

        @Override
        public Map<String, List<DiskFileItem>> parseParameterMap(RequestContext request) throws FileUploadException {
            throw new UnsupportedOperationException("Rigel streams parts; it never collects them through the library");
        }

        @Override
        public List<DiskFileItem> parseRequest(RequestContext request) throws FileUploadException {
            throw new UnsupportedOperationException("Rigel streams parts; it never collects them through the library");
        }
    }

    /** The request as the library sees it. */
    private record BodyContext(String contentType, long contentLength, InputStream body) implements RequestContext {
        @Override
        public String getCharacterEncoding() {
            return StandardCharsets.UTF_8.name();
        }

        @Override
        public long getContentLength() {
            return contentLength;
        }

        @Override
        public String getContentType() {
            return contentType;
        }

        @Override
        public InputStream getInputStream() {
            return body;
        }

        @Override
        public boolean isMultipartRelated() {
            return false;
        }
    }
}
