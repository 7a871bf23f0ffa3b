package dev.rigel.dto.spi;

/**
 * How a kind of DTO reads models: which classes it treats as models (their fields shaped by the
 * DTO) and which as plain values (written and read whole by the app's JSON mapper). The JPA
 * factory adds its own.
 */
public interface Introspection {

    /** Records; nested records are models too. */
    Introspection RECORDS = new Introspection() {
        @Override
        public ModelShape root(Class<?> type) {
            if (!type.isRecord()) {
                throw new IllegalArgumentException(type.getName() + " is not a record; use BeanDTO for other classes");
            }
            return Shapes.of(type);
        }

        @Override
        public ModelShape nested(Class<?> type) {
            return type.isRecord() ? Shapes.of(type) : null;
        }
    };

    /** Mutable classes with a no-argument constructor; nested records and such classes are models too. */
    Introspection BEANS = new Introspection() {
        @Override
        public ModelShape root(Class<?> type) {
            if (type.isRecord()) {
                return Shapes.of(type);
            }
            String refusal = BeanIntrospector.refusal(type);
            if (refusal != null) {
                throw new IllegalArgumentException(type.getName() + " cannot be a BeanDTO model: " + refusal);
            }
            return Shapes.of(type);
        }

        @Override
        public ModelShape nested(Class<?> type) {
            return type.isRecord() || BeanIntrospector.refusal(type) == null ? Shapes.of(type) : null;
        }
    };

    /** The shape of a DTO's own model, or an IllegalArgumentException saying why it cannot be one. */
    ModelShape root(Class<?> type);

    /** The shape of a field's type when it is a model of this kind, or null for a plain value. */
    ModelShape nested(Class<?> type);
}
