package dev.rigel.netty.internal;

import dev.rigel.protocol.Headers;
import io.netty.handler.codec.DateFormatter;
import io.netty.handler.codec.http.HttpHeaderValidationUtil;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpHeadersFactory;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.Date;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * A request head's fields as Netty's HTTP/1 decoder adds them, kept straight in the protocol's
 * {@link Headers}: the decoder's {@code headers.add} is the only copy a field goes through, and the
 * scope gets those {@code Headers} as they are ({@link #fields}). Netty's own {@code
 * DefaultHttpHeaders} hash every name into buckets and keep an entry object per field, which the
 * server would then copy once more; a dozen fields are found faster by a scan.
 *
 * <p>Validates with Netty's own checks, as its default headers factory does: a name must be a token
 * (RFC 9110 5.1) and a value must hold no control character but HTAB, nor start with whitespace;
 * the decoder turns the exception into a failed request, which the server answers with 400. Lookups ignore case. Everything else Netty's code
 * may ask of a request's headers (the h2c upgrade, the WebSocket handshake, keep-alive checks)
 * is answered from the same fields.
 */
final class Http1RequestFields extends HttpHeaders {

    /** Makes one per request head, for {@code HttpDecoderConfig.setHeadersFactory}. */
    static final HttpHeadersFactory FACTORY = new HttpHeadersFactory() {
        @Override
        public HttpHeaders newHeaders() {
            return new Http1RequestFields();
        }

        @Override
        public HttpHeaders newEmptyHeaders() {
            return new Http1RequestFields();
        }
    };

    private Headers fields = new Headers();

    /** The fields, for the scope: after decoding nothing changes them any more. */
    Headers fields() {
        return fields;
    }

    @Override
    public String get(String name) {
        return fields.get(name);
    }

    @Override
    public Integer getInt(CharSequence name) {
        return number(name, Integer::valueOf);
    }

    @Override
    public int getInt(CharSequence name, int defaultValue) {
        Integer value = getInt(name);
        return value == null ? defaultValue : value;
    }

    @Override
    public Short getShort(CharSequence name) {
        return number(name, Short::valueOf);
    }

    @Override
    public short getShort(CharSequence name, short defaultValue) {
        Short value = getShort(name);
        return value == null ? defaultValue : value;
    }

    /** The first value of {@code name} as a number, or null when absent or not one (as Netty's headers answer). */
    private <N extends Number> N number(CharSequence name, Function<String, N> parse) {
        String value = get(name);
        if (value == null) {
            return null;
        }
        try {
            return parse.apply(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Override
    public Long getTimeMillis(CharSequence name) {
        String value = get(name);
        Date date = value == null ? null : DateFormatter.parseHttpDate(value);
        return date == null ? null : date.getTime();
    }

    @Override
    public long getTimeMillis(CharSequence name, long defaultValue) {
        Long value = getTimeMillis(name);
        return value == null ? defaultValue : value;
    }

    @Override
    public List<String> getAll(String name) {
        return fields.getAll(name);
    }

    @Override
    public List<Map.Entry<String, String>> entries() {
        List<Map.Entry<String, String>> entries = new ArrayList<>(fields.size());
        fields.forEach((name, value) -> entries.add(Map.entry(name, value)));
        return entries;
    }

    @Override
    public boolean contains(String name) {
        return fields.contains(name);
    }

    @Override
    public Iterator<Map.Entry<String, String>> iterator() {
        return fields.iterator();
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Iterator<Map.Entry<CharSequence, CharSequence>> iteratorCharSequence() {
        // String is a CharSequence, and the entries are immutable: the same iterator serves both
        return (Iterator) fields.iterator();
    }

    @Override
    public boolean isEmpty() {
        return fields.isEmpty();
    }

    @Override
    public int size() {
        return fields.size();
    }

    @Override
    public Set<String> names() {
        return fields.names();
    }

    @Override
    public HttpHeaders add(String name, Object value) {
        fields.add(validName(name), validValue(value));
        return this;
    }

    @Override
    public HttpHeaders add(String name, Iterable<?> values) {
        validName(name);
        for (Object value : values) {
            fields.add(name, validValue(value));
        }
        return this;
    }

    @Override
    public HttpHeaders addInt(CharSequence name, int value) {
        return add(name.toString(), Integer.toString(value));
    }

    @Override
    public HttpHeaders addShort(CharSequence name, short value) {
        return add(name.toString(), Short.toString(value));
    }

    @Override
    public HttpHeaders set(String name, Object value) {
        String checked = validValue(value);
        fields.set(validName(name), checked);
        return this;
    }

    @Override
    public HttpHeaders set(String name, Iterable<?> values) {
        validName(name);
        List<String> checked = new ArrayList<>();
        for (Object value : values) {
            checked.add(validValue(value));
        }
        fields.remove(name);
        checked.forEach(value -> fields.add(name, value));
        return this;
    }

    @Override
    public HttpHeaders setInt(CharSequence name, int value) {
        return set(name.toString(), Integer.toString(value));
    }

    @Override
    public HttpHeaders setShort(CharSequence name, short value) {
        return set(name.toString(), Short.toString(value));
    }

    @Override
    public HttpHeaders remove(String name) {
        fields.remove(name);
        return this;
    }

    @Override
    public HttpHeaders clear() {
        fields = new Headers();
        return this;
    }

    private static String validName(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("empty header names are not allowed");
        }
        int bad = HttpHeaderValidationUtil.validateToken(name);
        if (bad != -1) {
            throw new IllegalArgumentException("a header name must be a token, but has 0x"
                    + Integer.toHexString(name.charAt(bad)) + " at index " + bad);
        }
        return name;
    }

    private static String validValue(Object value) {
        String text = text(Objects.requireNonNull(value, "value"));
        int bad = HttpHeaderValidationUtil.validateValidHeaderValue(text);
        if (bad != -1) {
            throw new IllegalArgumentException("a header value has the prohibited character 0x"
                    + Integer.toHexString(text.charAt(bad)) + " at index " + bad);
        }
        return text;
    }

    /** A value as Netty's headers would write it: dates in the HTTP date format. */
    private static String text(Object value) {
        if (value instanceof Date date) {
            return DateFormatter.format(date);
        }
        if (value instanceof Calendar calendar) {
            return DateFormatter.format(calendar.getTime());
        }
        return value.toString();
    }
}
