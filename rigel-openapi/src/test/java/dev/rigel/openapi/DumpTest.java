package dev.rigel.openapi;

import dev.rigel.App;
import org.junit.jupiter.api.Test;

class DumpTest {
    @Test
    void dump() throws Exception {
        App app = PetApi.app(PetApi.config());
        java.nio.file.Files.write(java.nio.file.Path.of("target/pet.json"), OpenAPIDocument.of(app, PetApi.config()).json());
    }
}
