package dev.rigel.internal.binding;

import dev.rigel.di.ParameterSource;
import dev.rigel.di.Provide;
import dev.rigel.dto.DTOCodec;
import dev.rigel.events.EventEmitter;
import dev.rigel.internal.json.JsonCodec;
import dev.rigel.internal.text.ValueConverter;
import dev.rigel.stores.StoreRegistry;
import java.util.List;

/** What binding parameters needs of its app: converters, JSON, DTOs, cached values and the app's own objects. */
public interface BindingServices {

    JsonCodec json();

    /** The converter from text to {@code type}, or null when none knows the type. */
    ValueConverter valueConverter(Class<?> type);

    /** The compiled DTO for a layer's DTO setting (a class or an instance), or null for none. */
    DTOCodec<?> dto(Object setting, String usedBy);

    /** The app-lifetime cache of a provider declared {@code useCache()}. */
    CachedValue cacheFor(Provide provide);

    StoreRegistry stores();

    EventEmitter events();

    /** The sources features and plugins contribute parameters through, in the order they are asked. */
    List<ParameterSource> parameterSources();
}
