package dev.rigel.dto;

import com.fasterxml.jackson.databind.SerializerProvider;

/** Per-encode state: the serializer provider, made only when a plain value needs Jackson. */
final class EncodeState {

    private final JsonBridge json;
    private SerializerProvider provider;

    EncodeState(JsonBridge json) {
        this.json = json;
    }

    SerializerProvider provider() {
        SerializerProvider current = provider;
        if (current == null) {
            current = json.newProvider();
            provider = current;
        }
        return current;
    }
}
