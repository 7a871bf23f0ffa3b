package dev.rigel.internal.json;

import dev.rigel.exceptions.ClientException;
import dev.rigel.exceptions.UnsupportedMediaTypeException;
import dev.rigel.internal.http.MediaType;

/**
 * What a request body must be before the JSON decoder sees it: declared as JSON
 * ({@code application/json} or a {@code +json} type, UTF-8 if a charset is named), and encoded as
 * well-formed UTF-8 (RFC 8259 §8.1). Jackson on its own would guess UTF-16 or UTF-32 from zero
 * bytes and decode overlong UTF-8 forms ({@code C0 AF} as {@code /}), so a filter that looked at
 * the bytes could be bypassed by a body that means something else to the handler.
 */
public final class JsonBodies {

    private JsonBodies() {}

    /** Refuses a body whose {@code Content-Type} is absent or not JSON with a 415. */
    public static void requireJsonType(String contentType) {
        if (contentType != null
                && (contentType.equalsIgnoreCase("application/json")
                        || contentType.equalsIgnoreCase("application/json; charset=utf-8")
                        || contentType.equalsIgnoreCase("application/json;charset=utf-8"))) {
            return; // what clients send, without parsing (a parse costs ~10x the UTF-8 scan of a small body)
        }
        MediaType type = MediaType.parse(contentType);
        if (type == null
                || !(type.essence().equals("application/json") || type.subtype().endsWith("+json"))) {
            throw new UnsupportedMediaTypeException("Expected a JSON body (application/json or a +json type), got "
                    + (contentType == null ? "no Content-Type" : "'" + contentType + "'"));
        }
        String charset = type.params().get("charset");
        if (charset != null && !charset.equalsIgnoreCase("utf-8")) {
            throw new UnsupportedMediaTypeException(
                    "JSON bodies must be UTF-8, got Content-Type '" + contentType + "'");
        }
    }

    /**
     * Refuses a body that is not well-formed UTF-8, or holds a NUL byte (never valid in JSON, and
     * what makes Jackson guess another encoding), with a 400.
     */
    public static void requireUtf8(byte[] body) {
        int invalidAt = firstInvalidUtf8(body);
        if (invalidAt >= 0) {
            throw new ClientException(
                    "Invalid JSON body: not valid UTF-8 at byte " + invalidAt + " (JSON bodies must be UTF-8)");
        }
    }

    /**
     * The offset of the first byte that starts an ill-formed UTF-8 sequence or is NUL, or -1. Follows
     * the well-formed byte sequences of Unicode's table 3-7: no overlong forms, no surrogates,
     * nothing above U+10FFFF.
     */
    static int firstInvalidUtf8(byte[] bytes) {
        int i = 0;
        int n = bytes.length;
        while (i < n) {
            int b = bytes[i];
            if (b > 0) {
                i++;
                continue;
            }
            if (b == 0) {
                return i;
            }
            int lead = b & 0xFF;
            int length;
            int min2 = 0x80;
            int max2 = 0xBF;
            if (lead >= 0xC2 && lead <= 0xDF) {
                length = 2;
            } else if (lead >= 0xE0 && lead <= 0xEF) {
                length = 3;
                if (lead == 0xE0) {
                    min2 = 0xA0; // below is an overlong form
                } else if (lead == 0xED) {
                    max2 = 0x9F; // above are the UTF-16 surrogates
                }
            } else if (lead >= 0xF0 && lead <= 0xF4) {
                length = 4;
                if (lead == 0xF0) {
                    min2 = 0x90; // below is an overlong form
                } else if (lead == 0xF4) {
                    max2 = 0x8F; // above is past U+10FFFF
                }
            } else {
                return i; // a continuation byte, C0/C1 (overlong) or F5..FF
            }
            if (i + length > n) {
                return i;
            }
            int second = bytes[i + 1] & 0xFF;
            if (second < min2 || second > max2) {
                return i;
            }
            for (int k = 2; k < length; k++) {
                if ((bytes[i + k] & 0xC0) != 0x80) {
                    return i;
                }
            }
            i += length;
        }
        return -1;
    }
}
