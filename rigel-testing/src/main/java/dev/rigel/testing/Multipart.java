package dev.rigel.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A {@code multipart/form-data} body for tests, as a browser would send it:
 *
 * <pre>{@code
 * client.request("POST", "/upload").multipart(Multipart.builder()
 *         .field("title", "Holiday")
 *         .file("photo", "beach.jpg", "image/jpeg", bytes)
 *         .build()).send();
 * }</pre>
 */
public final class Multipart {

    private final String boundary;
    private final byte[] body;

    private Multipart(String boundary, byte[] body) {
        this.boundary = boundary;
        this.body = body;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The {@code Content-Type} header value, with the boundary. */
    public String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    /** The encoded body. */
    public byte[] body() {
        return body.clone();
    }

    /** Collects the parts of a {@link Multipart} body. */
    public static final class Builder {
        private record Part(String name, String filename, String contentType, byte[] content) {}

        private final List<Part> parts = new ArrayList<>();
        private String boundary = "----RigelBoundary"
                + Long.toHexString(ThreadLocalRandom.current().nextLong());

        private Builder() {}

        /** A text field, UTF-8. */
        public Builder field(String name, String value) {
            parts.add(new Part(Objects.requireNonNull(name), null, null, value.getBytes(StandardCharsets.UTF_8)));
            return this;
        }

        /** A file part. */
        public Builder file(String name, String filename, String contentType, byte[] content) {
            parts.add(new Part(
                    Objects.requireNonNull(name), Objects.requireNonNull(filename), contentType, content.clone()));
            return this;
        }

        /** A file part with text content, UTF-8. */
        public Builder file(String name, String filename, String contentType, String content) {
            return file(name, filename, contentType, content.getBytes(StandardCharsets.UTF_8));
        }

        /** A fixed boundary instead of a random one. */
        public Builder boundary(String value) {
            this.boundary = Objects.requireNonNull(value);
            return this;
        }

        public Multipart build() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (Part part : parts) {
                StringBuilder head = new StringBuilder("--")
                        .append(boundary)
                        .append("\r\n")
                        .append("Content-Disposition: form-data; name=\"")
                        .append(escape(part.name))
                        .append('"');
                if (part.filename != null) {
                    head.append("; filename=\"").append(escape(part.filename)).append('"');
                }
                head.append("\r\n");
                if (part.contentType != null) {
                    head.append("Content-Type: ").append(part.contentType).append("\r\n");
                }
                head.append("\r\n");
                out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
                out.writeBytes(part.content);
                out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
            return new Multipart(boundary, out.toByteArray());
        }

        /** As the HTML standard encodes names: quote, CR and LF percent-encoded. */
        private static String escape(String value) {
            return value.replace("\"", "%22").replace("\r", "%0D").replace("\n", "%0A");
        }
    }
}
