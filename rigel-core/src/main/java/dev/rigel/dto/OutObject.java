package dev.rigel.dto;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/** Writes one model (at one place in the DTO's tree) as a JSON object of its outbound fields. */
final class OutObject {

    final Class<?> type;
    private final OutField[] fields;
    private final DTODescription description;

    OutObject(Class<?> type, OutField[] fields, DTODescription description) {
        this.type = type;
        this.fields = fields;
        this.description = description;
    }

    DTODescription description() {
        return description;
    }

    void write(Object value, JsonGenerator generator, EncodeState state) throws IOException {
        generator.writeStartObject();
        for (OutField field : fields) {
            field.write(value, generator, state);
        }
        generator.writeEndObject();
    }

    void writeArray(Iterable<?> values, JsonGenerator generator, EncodeState state) throws IOException {
        generator.writeStartArray();
        for (Object value : values) {
            if (value == null) {
                generator.writeNull();
            } else {
                write(value, generator, state);
            }
        }
        generator.writeEndArray();
    }
}
