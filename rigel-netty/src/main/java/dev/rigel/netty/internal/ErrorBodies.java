package dev.rigel.netty.internal;

import java.nio.charset.StandardCharsets;

/**
 * JSON bodies for the errors the server answers itself, in the same shape as the framework's
 * own error responses: {@code {"status_code":413,"detail":"Request Entity Too Large"}}.
 */
final class ErrorBodies {

    static final String BAD_REQUEST = "Bad Request";
    static final String REQUEST_TIMEOUT = "Request Timeout";
    static final String TOO_LARGE = "Request Entity Too Large";
    static final String URI_TOO_LONG = "URI Too Long";
    static final String HEADERS_TOO_LARGE = "Request Header Fields Too Large";
    static final String EXPECTATION_FAILED = "Expectation Failed";
    static final String INTERNAL_ERROR = "Internal Server Error";
    static final String FORBIDDEN = "Forbidden";
    static final String SERVICE_UNAVAILABLE = "Service Unavailable";
    static final String VERSION_NOT_SUPPORTED = "HTTP Version Not Supported";

    private ErrorBodies() {}

    static byte[] json(int status, String detail) {
        StringBuilder out = new StringBuilder(48 + detail.length());
        out.append("{\"status_code\":").append(status).append(",\"detail\":\"");
        for (int i = 0; i < detail.length(); i++) {
            char c = detail.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append("\"}").toString().getBytes(StandardCharsets.UTF_8);
    }
}
