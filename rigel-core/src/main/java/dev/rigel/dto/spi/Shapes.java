package dev.rigel.dto.spi;

/** Model shapes, introspected once per class for the JVM's lifetime. */
final class Shapes {

    private static final ClassValue<ModelShape> SHAPES = new ClassValue<>() {
        @Override
        protected ModelShape computeValue(Class<?> type) {
            return type.isRecord() ? RecordIntrospector.shape(type) : BeanIntrospector.shape(type);
        }
    };

    private Shapes() {}

    static ModelShape of(Class<?> type) {
        return SHAPES.get(type);
    }
}
