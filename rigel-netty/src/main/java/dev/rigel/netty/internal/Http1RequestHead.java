package dev.rigel.netty.internal;

import dev.rigel.protocol.Headers;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.Iterator;
import java.util.Map;

/**
 * Copies an HTTP/1 request head's fields into the protocol's {@link Headers} and, in the same
 * pass, picks out those the server itself acts on. Apart from {@link Http1RequestReader} because
 * it only parses: it knows nothing of the connection. One per connection, reused for every
 * request, so the picked fields are scratch that the next {@link #copy} overwrites.
 */
final class Http1RequestHead {

    String contentLength;
    String expect;
    /** All Connection fields, joined with commas. */
    String connection;

    String upgrade;
    /** Some Transfer-Encoding field has the {@code chunked} token. */
    boolean chunked;

    /** Copies {@code in} and fills the fields above from it. */
    Headers copy(HttpHeaders in) {
        contentLength = null;
        expect = null;
        connection = null;
        upgrade = null;
        chunked = false;
        Headers out = new Headers(in.size());
        Iterator<Map.Entry<CharSequence, CharSequence>> it = in.iteratorCharSequence();
        while (it.hasNext()) {
            Map.Entry<CharSequence, CharSequence> field = it.next();
            CharSequence name = field.getKey();
            String value = field.getValue().toString();
            switch (HttpFields.kind(name)) {
                case HttpFields.CONTENT_LENGTH -> contentLength = value;
                case HttpFields.EXPECT -> expect = value;
                case HttpFields.CONNECTION -> connection = connection == null ? value : connection + "," + value;
                case HttpFields.TRANSFER_ENCODING -> chunked |= HttpFields.hasToken(value, "chunked");
                case HttpFields.UPGRADE -> upgrade = value;
                default -> {}
            }
            out.add(name.toString(), value);
        }
        return out;
    }
}
