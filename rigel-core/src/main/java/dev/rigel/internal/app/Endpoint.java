package dev.rigel.internal.app;

import dev.rigel.exceptions.ImproperlyConfiguredException;
import dev.rigel.internal.routing.PathTemplate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** One path template and the handlers registered on it: by HTTP method, and its WebSocket route. */
public final class Endpoint {

    final PathTemplate template;
    final String[] paramNames;
    private final Map<String, RoutePlan> byMethod = new HashMap<>();
    private ServedRoute webSocket;
    private MountPlan mount;
    private String allowHeader;

    public Endpoint(PathTemplate template) {
        this.template = template;
        List<PathTemplate.Segment> params = template.params();
        this.paramNames = new String[params.size()];
        for (int i = 0; i < params.size(); i++) {
            paramNames[i] = params.get(i).paramName();
        }
    }

    public void add(String method, RoutePlan plan) {
        if (mount != null) {
            throw new ImproperlyConfiguredException("Two routes for " + template.template() + ": "
                    + plan.description().name() + " and the application "
                    + mount.description().name());
        }
        RoutePlan existing = byMethod.putIfAbsent(method, plan);
        if (existing != null) {
            throw new ImproperlyConfiguredException("Two handlers for " + method + " " + template.template() + ": "
                    + existing.description().name() + " ("
                    + existing.description().pathTemplate() + ") and "
                    + plan.description().name() + " (" + plan.description().pathTemplate()
                    + "); remove one or give them different paths");
        }
        allowHeader = null;
    }

    /** Makes this endpoint a mount point: every method and WebSocket connection goes to {@code plan}. */
    public void addMount(MountPlan plan) {
        if (mount != null || !byMethod.isEmpty() || webSocket != null) {
            throw new ImproperlyConfiguredException("Two routes for " + template.template() + ": "
                    + plan.description().name() + " mounts an application there, where another route already is");
        }
        mount = plan;
    }

    /** The application mounted here, or null. */
    MountPlan mount() {
        return mount;
    }

    public void addWebSocket(ServedRoute plan) {
        if (webSocket != null) {
            throw new ImproperlyConfiguredException("Two WebSocket routes for " + template.template() + ": "
                    + webSocket.description().name() + " and "
                    + plan.description().name() + "; remove one or give them different paths");
        }
        webSocket = plan;
    }

    RoutePlan plan(String method) {
        return byMethod.get(method);
    }

    /** The WebSocket route on this path, or null. */
    ServedRoute webSocket() {
        return webSocket;
    }

    /** Whether only a WebSocket route lives here, so an HTTP request must have meant to upgrade. */
    boolean webSocketOnly() {
        return webSocket != null && byMethod.isEmpty();
    }

    Map<String, RoutePlan> plans() {
        return byMethod;
    }

    /** Methods this path answers, including the implied HEAD (for GET) and OPTIONS. */
    Set<String> allowed() {
        Set<String> allowed = new TreeSet<>(byMethod.keySet());
        if (allowed.contains("GET")) {
            allowed.add("HEAD");
        }
        allowed.add("OPTIONS");
        return allowed;
    }

    String allowHeader() {
        String current = allowHeader;
        if (current == null) {
            current = String.join(", ", allowed());
            allowHeader = current;
        }
        return current;
    }

    Map<String, Object> pathParams(Object[] values) {
        return switch (paramNames.length) {
            case 0 -> Map.of();
            case 1 -> Map.of(paramNames[0], values[0]);
            default -> {
                Map<String, Object> params = new HashMap<>(paramNames.length * 2);
                for (int i = 0; i < paramNames.length; i++) {
                    params.put(paramNames[i], values[i]);
                }
                yield params;
            }
        };
    }
}
