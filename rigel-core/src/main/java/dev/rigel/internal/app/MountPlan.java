package dev.rigel.internal.app;

import dev.rigel.internal.binding.ParameterBinder;
import dev.rigel.internal.binding.ProviderStep;
import dev.rigel.internal.binding.RouteGuards;
import dev.rigel.internal.exchange.Exchange;
import dev.rigel.internal.layers.MergedLayers;
import dev.rigel.internal.routing.PathTemplate;
import dev.rigel.protocol.Application;
import dev.rigel.protocol.Lifespan;
import dev.rigel.protocol.Receive;
import dev.rigel.protocol.Scope;
import dev.rigel.protocol.Send;

/**
 * A mounted application, planned at startup: its layers' middleware around a step that runs their
 * guards and hands the exchange, re-rooted at the mount point, to the application.
 */
public final class MountPlan implements ServedRoute {

    /** The trailing parameter of a mount's template that takes the rest of the path. */
    public static final String REST = "mount_path";

    private final RouteDescription description;
    private final MergedLayers layers;
    private final Application application;
    private final int prefixSegments;
    private final RouteGuards guards;
    private final ProviderStep[] steps;
    private final int slotCount;
    private final AppServices services;
    private final Application entry;

    /** {@code template} is the mount point followed by the {@link #REST} path parameter. */
    public MountPlan(
            PathTemplate template, String name, Application application, MergedLayers layers, AppServices services) {
        this.description = RouteDescription.mount(template.template(), name, layers);
        this.layers = layers;
        this.application = application;
        this.prefixSegments = template.segments().size() - 1;
        ParameterBinder binder = new ParameterBinder(description.toString(), template, layers, services);
        this.guards = RouteGuards.plan(layers.guards, binder);
        this.steps = binder.steps().toArray(ProviderStep[]::new);
        this.slotCount = binder.slotCount();
        this.services = services;
        var chained = services.withBuiltIns(layers.middleware);
        description.chained(chained);
        this.entry = services.chain(chained, this::handle, description, layers, name);
    }

    @Override
    public RouteDescription description() {
        return description;
    }

    @Override
    public Application entry() {
        return entry;
    }

    /** The mounted application, when it has a lifespan of its own to start and stop with the app's. */
    public Lifespan lifespan() {
        return application instanceof Lifespan lifespan ? lifespan : null;
    }

    private void handle(Scope scope, Receive receive, Send send) throws Exception {
        if (guards.any()) {
            Exchange exchange = new Exchange(scope, receive, services, description, layers.maxBodySize);
            try {
                check(exchange);
            } catch (Throwable refused) {
                services.errors()
                        .render(exchange, refused, layers.exceptionHandlers)
                        .send(send);
                return;
            }
        }
        String raw = scope.rawPath();
        int cut = afterSegments(raw, prefixSegments);
        String rest = cut >= raw.length() ? "/" : raw.substring(cut);
        application.call(scope.mountedAt(raw.substring(0, cut), rest), receive, send);
    }

    private void check(Exchange exchange) throws Throwable {
        guards.checkPlain(exchange, description);
        if (guards.needDependencies()) {
            exchange.dependencyValues = new Object[slotCount];
            for (ProviderStep step : steps) {
                step.resolve(exchange);
            }
            try {
                guards.checkDependent(exchange);
            } finally {
                // the guards' dependencies served the check only; the mounted app has its own
                closeDependencies(exchange);
            }
        }
    }

    private static void closeDependencies(Exchange exchange) throws Exception {
        var cleanups = exchange.cleanups;
        if (cleanups == null) {
            return;
        }
        for (int i = cleanups.size() - 1; i >= 0; i--) {
            cleanups.get(i).close(dev.rigel.di.Outcome.success(200));
        }
    }

    /** Where the {@code count}th path segment of {@code raw} ends. */
    private static int afterSegments(String raw, int count) {
        int at = 0;
        for (int i = 0; i < count; i++) {
            int next = raw.indexOf('/', at + 1);
            if (next < 0) {
                return raw.length();
            }
            at = next;
        }
        return at;
    }
}
