package dev.rigel.middleware.compression;

import dev.rigel.middleware.compression.CompressionConfig.Algorithm;
import dev.rigel.protocol.Headers;
import dev.rigel.protocol.Message;
import dev.rigel.protocol.Send;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;

/**
 * One response on its way out. The response start is held back until the first body message
 * shows whether the body is one message (compressed whole, with its new length) or a stream
 * (compressed chunk by chunk, flushed each time, without a length). Responses that may not be
 * compressed go straight through.
 */
final class CompressingSend implements Send {

    private enum Mode {
        AWAIT_START,
        AWAIT_BODY,
        PASS,
        STREAM,
        DONE
    }

    private final Send downstream;
    private final Algorithm algorithm;
    private final Codec codec;
    private final int minimumSize;
    private final MediaTypes excludedTypes;
    private Mode mode = Mode.AWAIT_START;
    private Message.ResponseStart start;
    private ByteArrayOutputStream compressed;
    private OutputStream encoder;

    /** {@code algorithm} and {@code codec} are null when the client accepts none we offer. */
    CompressingSend(Send downstream, Algorithm algorithm, Codec codec, int minimumSize, MediaTypes excludedTypes) {
        this.downstream = downstream;
        this.algorithm = algorithm;
        this.codec = codec;
        this.minimumSize = minimumSize;
        this.excludedTypes = excludedTypes;
    }

    @Override
    public void send(Message message) throws IOException {
        switch (message) {
            case Message.ResponseStart responseStart when mode == Mode.AWAIT_START -> onStart(responseStart);
            case Message.ResponseBody body when mode == Mode.AWAIT_BODY -> onFirstBody(body);
            case Message.ResponseBody body when mode == Mode.STREAM -> onStreamBody(body);
            default -> downstream.send(message);
        }
    }

    private void onStart(Message.ResponseStart responseStart) throws IOException {
        if (!compressible(responseStart)) {
            mode = Mode.PASS;
            downstream.send(responseStart);
            return;
        }
        start = responseStart;
        mode = Mode.AWAIT_BODY;
    }

    private boolean compressible(Message.ResponseStart responseStart) {
        int status = responseStart.status();
        // 206 answers a byte range of the unencoded body; compressing it would break the range
        if (status < 200 || status == 204 || status == 206 || status == 304) {
            return false;
        }
        Headers headers = responseStart.headers();
        if (headers.contains("content-encoding") || excludedTypes.matches(headers.get("content-type"))) {
            return false;
        }
        String cacheControl = headers.get("cache-control");
        if (cacheControl != null && cacheControl.toLowerCase(Locale.ROOT).contains("no-transform")) {
            return false;
        }
        String length = headers.get("content-length");
        if (length != null) {
            try {
                return Long.parseLong(length.trim()) >= minimumSize;
            } catch (NumberFormatException e) {
                return true; // the body itself will tell
            }
        }
        return true;
    }

    private void onFirstBody(Message.ResponseBody body) throws IOException {
        Headers headers = start.headers();
        if (!body.moreBody()) {
            mode = Mode.DONE;
            if (body.body().length < Math.max(1, minimumSize)) { // an empty body stays empty
                forward(start, body);
                return;
            }
            addVary(headers);
            if (codec == null) {
                forward(start, body);
                return;
            }
            byte[] encoded = codec.compress(body.body());
            headers.set("Content-Encoding", algorithm.token());
            weakenEtag(headers);
            headers.set("Content-Length", Integer.toString(encoded.length));
            forward(start, new Message.ResponseBody(encoded, false));
            return;
        }
        addVary(headers);
        if (codec == null) {
            mode = Mode.PASS;
            forward(start, body);
            return;
        }
        headers.set("Content-Encoding", algorithm.token());
        weakenEtag(headers);
        headers.remove("Content-Length");
        downstream.send(start);
        compressed = new ByteArrayOutputStream(8192);
        encoder = codec.stream(compressed);
        mode = Mode.STREAM;
        onStreamBody(body);
    }

    /**
     * A strong ETag promises byte-identical bodies, which the compressed and the plain variants
     * are not (RFC 9110 section 8.8.1); the compressed one keeps the tag, marked weak, so
     * If-None-Match (compared weakly) still revalidates it.
     */
    private static void weakenEtag(Headers headers) {
        String etag = headers.get("etag");
        if (etag != null && !etag.startsWith("W/")) {
            headers.set("etag", "W/" + etag);
        }
    }

    private void onStreamBody(Message.ResponseBody body) throws IOException {
        encoder.write(body.body());
        if (body.moreBody()) {
            encoder.flush();
            if (compressed.size() > 0) {
                downstream.send(new Message.ResponseBody(drain(), true));
            }
            return;
        }
        mode = Mode.DONE;
        encoder.close();
        encoder = null;
        downstream.send(new Message.ResponseBody(drain(), false));
    }

    private byte[] drain() {
        byte[] bytes = compressed.toByteArray();
        compressed.reset();
        return bytes;
    }

    private void forward(Message.ResponseStart responseStart, Message.ResponseBody body) throws IOException {
        downstream.send(responseStart);
        downstream.send(body);
    }

    /** Frees the encoder of a stream that ended with an exception instead of its last chunk. */
    void abandon() {
        if (encoder != null) {
            try {
                encoder.close();
            } catch (IOException | RuntimeException ignored) {
                // the response is broken already; this only releases the encoder's native memory
            }
            encoder = null;
        }
    }

    /** Appends {@code Accept-Encoding} to Vary, unless it is there already or Vary is {@code *}. */
    private static void addVary(Headers headers) {
        StringBuilder joined = new StringBuilder();
        for (String value : headers.getAll("vary")) {
            for (String field : value.split(",")) {
                String name = field.trim();
                if (name.equals("*") || name.equalsIgnoreCase("accept-encoding")) {
                    return;
                }
                if (!name.isEmpty()) {
                    joined.append(joined.isEmpty() ? "" : ", ").append(name);
                }
            }
        }
        headers.set("Vary", joined.isEmpty() ? "Accept-Encoding" : joined + ", Accept-Encoding");
    }
}
