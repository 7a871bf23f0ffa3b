package dev.rigel.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.rigel.App;
import dev.rigel.annotation.Get;
import dev.rigel.dto.DTOConfig;
import dev.rigel.dto.RecordDTO;
import dev.rigel.pagination.ClassicPagination;
import dev.rigel.pagination.CursorPagination;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Pagination containers and an app's own generic wrappers, with and without a return DTO inside. */
class WrapperSchemasTest {

    public record User(long id, String name, String passwordHash) {}

    public record Envelope<T>(T data, String requestId, User author) {}

    public record Page<T>(List<T> items, int total) {}

    public static class PublicUser extends RecordDTO<User> {
        public PublicUser() {
            super(DTOConfig.builder().exclude("passwordHash").build());
        }
    }

    public static class Users {
        @Get(value = "/classic", returnDto = PublicUser.class)
        public ClassicPagination<User> classic() {
            return null;
        }

        @Get(value = "/cursor", returnDto = PublicUser.class)
        public CursorPagination<Long, User> cursor() {
            return null;
        }

        @Get(value = "/wrapped", returnDto = PublicUser.class)
        public Envelope<Page<User>> wrapped() {
            return null;
        }

        @Get("/plain")
        public ClassicPagination<User> plain() {
            return null;
        }
    }

    static JsonNode doc;

    @BeforeAll
    static void generate() {
        OpenAPIConfig config = OpenAPIConfig.builder("Wrappers", "1").build();
        App app = App.builder()
                .routeHandlers(new Users())
                .json(mapper -> mapper.setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE))
                .build();
        doc = OpenAPIGenerator.generate(app, config);
    }

    private static String responseRef(String path) {
        return doc.path("paths")
                .path(path)
                .path("get")
                .at("/responses/200/content/application~1json/schema/$ref")
                .asText();
    }

    private static JsonNode component(String ref) {
        return doc.path("components").path("schemas").path(ref.substring(ref.lastIndexOf('/') + 1));
    }

    @Test
    void paginationContainersHoldTheShapedItemSchemaUnderTheAppsNaming() {
        JsonNode classic = component(responseRef("/classic"));
        assertThat(classic.path("properties").has("page_size")).isTrue();
        assertThat(classic.path("properties").has("total_pages")).isTrue();
        String item = classic.at("/properties/items/items/$ref").asText();
        assertThat(item).endsWith("UserResponseBody");
        assertThat(component(item).path("properties").has("password_hash")).isFalse();

        JsonNode cursor = component(responseRef("/cursor"));
        assertThat(cursor.at("/properties/items/items/$ref").asText()).isEqualTo(item);
        assertThat(cursor.at("/properties/results_per_page/type").asText()).isEqualTo("integer");
        assertThat(cursor.at("/properties/cursor").toString()).contains("integer");
    }

    @Test
    void aWrappersTypeParameterIsShapedAndItsOwnFieldsAreNot() {
        JsonNode envelope = component(responseRef("/wrapped"));
        JsonNode page = component(envelope.at("/properties/data/oneOf/0/$ref").asText());
        String item = page.at("/properties/items/items/$ref").asText();
        assertThat(item).endsWith("UserResponseBody");
        // author is declared User, not T: the model's full schema, as the response writes it
        String author = envelope.at("/properties/author/oneOf/0/$ref").asText();
        assertThat(author).endsWith("/User");
        assertThat(component(author).path("properties").has("password_hash")).isTrue();
    }

    @Test
    void withoutADtoTheItemsAreThePlainModel() {
        JsonNode plain = component(responseRef("/plain"));
        assertThat(plain.at("/properties/items/items/$ref").asText()).endsWith("/User");
        assertThat(responseRef("/plain")).isNotEqualTo(responseRef("/classic"));
    }
}
