package dev.rigel.internal.binding;

import dev.rigel.di.Provide;
import dev.rigel.di.Scoped;
import dev.rigel.exceptions.ImproperlyConfiguredException;
import dev.rigel.internal.invoke.CallableSpec;
import dev.rigel.internal.invoke.ParamSpec;
import dev.rigel.internal.invoke.Types;
import dev.rigel.internal.layers.MergedLayers;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The dependencies of one route, in the order they are resolved: each dependency a parameter
 * asks for gets a per-request slot and a {@link ProviderStep}, after the dependencies its own
 * provider asks for (whose parameters the {@link ParameterBinder} binds). Detects cycles and
 * providers whose declared type does not fit the parameter, at startup.
 */
final class DependencyGraph {

    private final String route;
    private final MergedLayers layers;
    private final BindingServices services;
    private final ParameterBinder binder;
    private final Map<String, Integer> slots = new HashMap<>();
    private final Deque<String> resolving = new ArrayDeque<>();
    private final List<ProviderStep> steps = new ArrayList<>();

    DependencyGraph(String route, MergedLayers layers, BindingServices services, ParameterBinder binder) {
        this.route = route;
        this.layers = layers;
        this.services = services;
        this.binder = binder;
    }

    /** The providers in resolution order. */
    List<ProviderStep> steps() {
        return steps;
    }

    int slotCount() {
        return slots.size();
    }

    /** The slot of dependency {@code key} for the parameter {@code requestedBy}; plans it (and its own dependencies) on first use. */
    int slot(String key, ParamSpec requestedBy, String owner) {
        Integer existing = slots.get(key);
        if (existing != null) {
            // resolved once per route, but every parameter asking for it must accept its type
            MergedLayers.DeclaredDependency known = layers.dependencies.get(key);
            checkType(key, known, known.provide().spec(), requestedBy, owner);
            return existing;
        }
        if (resolving.contains(key)) {
            List<String> cycle = new ArrayList<>(resolving);
            java.util.Collections.reverse(cycle);
            int start = cycle.indexOf(key);
            List<String> loop = new ArrayList<>(cycle.subList(start, cycle.size()));
            loop.add(key);
            throw new ImproperlyConfiguredException(route + ": dependencies form a cycle: " + String.join(" -> ", loop)
                    + ". Break it by removing one of these parameters.");
        }
        MergedLayers.DeclaredDependency declared = layers.dependencies.get(key);
        Provide provide = declared.provide();
        CallableSpec callable;
        try {
            callable = provide.spec();
        } catch (RuntimeException e) {
            throw new ImproperlyConfiguredException(
                    route + ": dependency '" + key + "' (declared on " + declared.layer() + ") cannot be used: "
                            + e.getMessage(),
                    e);
        }
        checkType(key, declared, callable, requestedBy, owner);
        resolving.push(key);
        BoundParam[] params = binder.bind(
                callable,
                "dependency '" + key + "' (" + callable.description() + ", declared on " + declared.layer() + ")");
        resolving.pop();
        int slot = slots.size();
        slots.put(key, slot);
        steps.add(new ProviderStep(key, slot, callable, params, provide.cached() ? services.cacheFor(provide) : null));
        return slot;
    }

    private void checkType(
            String key,
            MergedLayers.DeclaredDependency declared,
            CallableSpec callable,
            ParamSpec requestedBy,
            String owner) {
        java.lang.reflect.Type produced = callable.returnType();
        if (Types.raw(produced) == Scoped.class) {
            produced = Types.typeArgument(produced, 0);
        }
        Class<?> providedType = Types.boxed(Types.raw(produced));
        Class<?> wanted = Types.boxed(requestedBy.rawType());
        if (providedType == Object.class || wanted == Object.class || wanted.isAssignableFrom(providedType)) {
            return;
        }
        throw new ImproperlyConfiguredException(route + ": parameter '" + requestedBy.name() + "' of " + owner
                + " expects " + Types.describe(requestedBy.type()) + ", but dependency '" + key + "' (declared on "
                + declared.layer() + ") provides " + Types.describe(produced) + " (" + callable.description() + ")");
    }
}
