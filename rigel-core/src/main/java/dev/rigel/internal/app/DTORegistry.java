package dev.rigel.internal.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rigel.dto.AbstractDTO;
import dev.rigel.dto.DTOCodec;
import dev.rigel.dto.NoDTO;
import dev.rigel.internal.invoke.Instantiation;
import java.util.HashMap;
import java.util.Map;

/**
 * The app's compiled DTOs: a DTO class is instantiated once and every DTO compiled once against
 * the app's JSON mapper, however many routes and layers name it. Used at startup only.
 */
final class DTORegistry {

    private final ObjectMapper mapper;
    /** by DTO class, or by instance for DTOs given as instances */
    private final Map<Object, DTOCodec<?>> compiled = new HashMap<>();

    DTORegistry(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The compiled DTO for a layer's setting (class or instance), or null for none or {@link NoDTO}. */
    DTOCodec<?> resolve(Object setting, String usedBy) {
        if (setting == null || setting == NoDTO.class) {
            return null;
        }
        DTOCodec<?> known = compiled.get(setting);
        if (known != null) {
            return known;
        }
        AbstractDTO<?> dto = setting instanceof AbstractDTO<?> instance
                ? instance
                : (AbstractDTO<?>) Instantiation.create((Class<?>) setting, usedBy);
        DTOCodec<?> result = (DTOCodec<?>) dto.compile(mapper);
        compiled.put(setting, result);
        return result;
    }
}
