package dev.rigel.examples.seed;

import dev.rigel.Controller;
import dev.rigel.annotation.Post;
import dev.rigel.channels.ChannelsPlugin;
import dev.rigel.security.Guards;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Map;

/**
 * {@code POST /api/v1/notifications} (the admin only): publishes a message to the channel {@code user:{user_id}},
 * which the user's WebSocket clients follow at {@code /ws/user:{user_id}}.
 */
public final class NotificationController extends Controller {

    /** The body: {@code {"user_id": 42, "message": "..."}}. */
    public record Notification(
            @NotNull Long userId,
            @NotBlank @Size(max = 4000) String message) {}

    public NotificationController() {
        super("/notifications");
        layer().tags("notifications").guards(Guards.roles("admin"));
    }

    /** Answers 201 once the channel backend took the notification (not once a client read it). */
    @Post
    public Map<String, Object> send(Notification data, ChannelsPlugin channels) {
        String channel = "user:" + data.userId();
        channels.publish(data, channel);
        return Map.of("status", "sent", "channel", channel);
    }
}
