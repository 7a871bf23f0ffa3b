package dev.rigel.htmx;

import dev.rigel.exceptions.ClientException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes the values htmx percent-encodes (JavaScript's {@code encodeURIComponent}): {@code %XX}
 * bytes as UTF-8, {@code +} left as it is. Anything malformed is the client's error.
 */
final class PercentDecoding {

    private PercentDecoding() {}

    static String decode(String header, String value) {
        if (value.indexOf('%') < 0) {
            return value;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '%') {
                int high = i + 2 < value.length() ? Character.digit(value.charAt(i + 1), 16) : -1;
                int low = high < 0 ? -1 : Character.digit(value.charAt(i + 2), 16);
                if (low < 0) {
                    throw malformed(header);
                }
                bytes.write(high << 4 | low);
                i += 2;
            } else if (c < 0x80) {
                bytes.write(c);
            } else {
                throw malformed(header);
            }
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw malformed(header);
        }
    }

    private static ClientException malformed(String header) {
        return new ClientException("Invalid " + header + " header: it says it is percent-encoded, but it is not"
                + " valid percent-encoded UTF-8");
    }
}
