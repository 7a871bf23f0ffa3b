package dev.rigel.msgpack;

import com.fasterxml.jackson.core.JsonFactory;
import dev.rigel.plugin.BodyFormatPlugin;
import java.util.List;
import org.msgpack.jackson.dataformat.MessagePackFactory;

/**
 * MessagePack bodies and responses (Litestar's {@code application/x-msgpack} support), on
 * jackson-dataformat-msgpack: {@code App.builder().plugins(new MessagePackPlugin())}. Requests
 * declared {@code application/msgpack} or {@code application/x-msgpack} are read as MessagePack,
 * DTOs included; responses are written as {@code application/msgpack} when the client's {@code
 * Accept} prefers it to JSON. See {@link BodyFormatPlugin} for the rules.
 */
public final class MessagePackPlugin implements BodyFormatPlugin {

    /** The media type MessagePack responses are sent with. */
    public static final String MEDIA_TYPE = "application/msgpack";

    /** The older, unregistered spelling, accepted on requests and in {@code Accept}. */
    public static final String LEGACY_MEDIA_TYPE = "application/x-msgpack";

    @Override
    public List<String> mediaTypes() {
        return List.of(MEDIA_TYPE, LEGACY_MEDIA_TYPE);
    }

    @Override
    public String formatName() {
        return "MessagePack";
    }

    @Override
    public JsonFactory factory() {
        return new MessagePackFactory();
    }
}
