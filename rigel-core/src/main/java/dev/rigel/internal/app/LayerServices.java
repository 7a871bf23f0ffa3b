package dev.rigel.internal.app;

import dev.rigel.di.ParameterSource;
import dev.rigel.di.Provide;
import dev.rigel.dto.DTOCodec;
import dev.rigel.events.EventEmitter;
import dev.rigel.form.FormConfig;
import dev.rigel.http.State;
import dev.rigel.internal.binding.BindingServices;
import dev.rigel.internal.binding.CachedValue;
import dev.rigel.internal.exchange.ExchangeServices;
import dev.rigel.internal.json.JsonCodec;
import dev.rigel.internal.text.ValueConverter;
import dev.rigel.stores.StoreRegistry;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The app's services as one route sees them: its layers may add type encoders and decoders
 * ({@code LayerBuilder.serialization}), so JSON and text conversion are the route's own; the rest
 * is the app's.
 */
public final class LayerServices implements BindingServices, ExchangeServices {

    private final AppServices app;
    private final JsonCodec json;
    private final Map<Class<?>, Function<String, ?>> textDecoders;

    LayerServices(AppServices app, JsonCodec json, Map<Class<?>, Function<String, ?>> textDecoders) {
        this.app = app;
        this.json = json;
        this.textDecoders = Map.copyOf(textDecoders);
    }

    @Override
    public JsonCodec json() {
        return json;
    }

    @Override
    public ValueConverter valueConverter(Class<?> type) {
        Function<String, ?> decoder = textDecoders.get(type);
        return decoder == null ? app.valueConverter(type) : AppServices.decoding(type, decoder);
    }

    @Override
    public DTOCodec<?> dto(Object setting, String usedBy) {
        return app.dto(setting, usedBy);
    }

    @Override
    public CachedValue cacheFor(Provide provide) {
        return app.cacheFor(provide);
    }

    @Override
    public StoreRegistry stores() {
        return app.stores();
    }

    @Override
    public EventEmitter events() {
        return app.events();
    }

    @Override
    public List<ParameterSource> parameterSources() {
        return app.parameterSources();
    }

    @Override
    public State state() {
        return app.state();
    }

    @Override
    public FormConfig formConfig() {
        return app.formConfig();
    }

    @Override
    public String routeReverse(String name, Map<String, ?> params, Map<String, ?> query) {
        return app.routeReverse(name, params, query);
    }
}
