package dev.rigel.otel.internal;

import dev.rigel.protocol.Headers;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.ArrayList;
import java.util.List;

/** Reads propagation fields ({@code traceparent}, {@code tracestate}, …) from request headers. */
final class HeadersGetter implements TextMapGetter<Headers> {

    static final HeadersGetter INSTANCE = new HeadersGetter();

    @Override
    public Iterable<String> keys(Headers carrier) {
        List<String> names = new ArrayList<>(carrier.size());
        for (int i = 0; i < carrier.size(); i++) {
            names.add(carrier.nameAt(i));
        }
        return names;
    }

    @Override
    public String get(Headers carrier, String key) {
        return carrier == null ? null : carrier.get(key);
    }
}
