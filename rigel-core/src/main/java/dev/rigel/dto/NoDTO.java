package dev.rigel.dto;

/**
 * "No DTO here": set as {@code dto} or {@code returnDto} on a handler (or a layer) to stop a DTO
 * declared further out from applying, as Litestar's {@code dto=None}:
 * {@code @Get(path = "/raw", returnDto = NoDTO.class)}. Never instantiated.
 */
public final class NoDTO extends AbstractDTO<Object> {

    private NoDTO() {
        super(Object.class, DTOConfig.defaults());
        throw new AssertionError("NoDTO is a marker");
    }

    @Override
    protected dev.rigel.dto.spi.Introspection introspection() {
        throw new UnsupportedOperationException("NoDTO is a marker, not a DTO");
    }
}
