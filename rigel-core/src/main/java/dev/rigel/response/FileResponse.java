package dev.rigel.response;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A file sent from disk in chunks, never read whole into memory.
 *
 * <p>Rigel adds {@code Content-Type} (from the file name: a small built-in table, then
 * {@code Files.probeContentType}, then {@code application/octet-stream}), {@code Content-Disposition}
 * ({@code attachment} by default, with the file name; RFC 6266 {@code filename*} for non-ASCII
 * names), {@code Last-Modified}, a strong {@code ETag} derived from size and modification time,
 * and {@code Accept-Ranges: bytes}. A GET with one {@code Range} ({@code bytes=0-99},
 * {@code bytes=100-}, {@code bytes=-500}) gets a 206 with {@code Content-Range}; a range that starts
 * past the end gets a 416 with {@code Content-Range: bytes *}{@code /size}. Several ranges in one
 * header get the whole file (200): multipart/byteranges is rarely worth its complexity, and a
 * 200 is always a correct answer to a Range request. A malformed {@code Range}, or an
 * {@code If-Range} that does not match, is ignored the same way. {@code If-None-Match} and
 * {@code If-Modified-Since} are answered with 304. A file that does not exist (or is not a
 * regular file) is a 404 through the usual error handling.
 *
 * <pre>{@code
 * return FileResponse.of(reports.resolve("q3.pdf")).inline();
 * }</pre>
 *
 * <p>Immutable; each method returns a copy.
 */
public final class FileResponse implements ResponseContent {

    /** The default size of the chunks a file is sent in. */
    public static final int DEFAULT_CHUNK_SIZE = 64 * 1024;

    private final Path path;
    private final String filename;
    private final boolean inline;
    private final String mediaType;
    private final int chunkSize;

    private FileResponse(Path path, String filename, boolean inline, String mediaType, int chunkSize) {
        this.path = path;
        this.filename = filename;
        this.inline = inline;
        this.mediaType = mediaType;
        this.chunkSize = chunkSize;
    }

    /** The file at {@code path}, as an attachment named like the file. */
    public static FileResponse of(Path path) {
        Objects.requireNonNull(path, "path");
        Path name = path.getFileName();
        return new FileResponse(path, name == null ? "download" : name.toString(), false, null, DEFAULT_CHUNK_SIZE);
    }

    /** The name offered to the client in {@code Content-Disposition} (and used for the content type). */
    public FileResponse filename(String newFilename) {
        Objects.requireNonNull(newFilename, "filename");
        return new FileResponse(path, newFilename, inline, mediaType, chunkSize);
    }

    /** {@code Content-Disposition: inline}: the browser shows the file instead of saving it. */
    public FileResponse inline() {
        return new FileResponse(path, filename, true, mediaType, chunkSize);
    }

    /** {@code Content-Disposition: attachment} (the default): the browser saves the file. */
    public FileResponse attachment() {
        return new FileResponse(path, filename, false, mediaType, chunkSize);
    }

    /** An explicit content type instead of the one guessed from the file name. */
    public FileResponse mediaType(String newMediaType) {
        Objects.requireNonNull(newMediaType, "mediaType");
        return new FileResponse(path, filename, inline, newMediaType, chunkSize);
    }

    /** The size of the body messages the file is sent in (default 64 KiB). */
    public FileResponse chunkSize(int newChunkSize) {
        if (newChunkSize < 1) {
            throw new IllegalArgumentException("chunk size must be positive: " + newChunkSize);
        }
        return new FileResponse(path, filename, inline, mediaType, newChunkSize);
    }

    public Path path() {
        return path;
    }

    public String filename() {
        return filename;
    }

    public boolean isInline() {
        return inline;
    }

    /** The explicit content type, or null to guess one from the file name. */
    public String mediaType() {
        return mediaType;
    }

    public int chunkSize() {
        return chunkSize;
    }

    @Override
    public String toString() {
        return "FileResponse[" + path + "]";
    }
}
