package dev.rigel.form;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.rigel.App;
import dev.rigel.annotation.Post;
import dev.rigel.exceptions.ImproperlyConfiguredException;
import dev.rigel.http.Request;
import dev.rigel.testing.Multipart;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.TestResponse;
import dev.rigel.testing.support.Clients;
import dev.rigel.testing.support.Transport;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Url-encoded and multipart forms bound into records, beans and maps, with conversion and validation. */
class FormBindingTest {

    public enum Plan {
        FREE,
        PRO
    }

    public record Signup(
            String userName, int age, boolean terms, Optional<String> nickname, List<Integer> lucky, Plan plan) {}

    public record Checked(
            @NotBlank @Email String email, @Min(18) int age) {}

    public record Range(int low, int high) {
        public Range {
            if (low > high) {
                throw new IllegalArgumentException("low must not be above high");
            }
        }
    }

    public static class Settings {
        private String theme = "light";
        private int fontSize = 12;
        public List<String> tags = new ArrayList<>();

        public void setTheme(String theme) {
            this.theme = theme;
        }

        public void setFontSize(int fontSize) {
            this.fontSize = fontSize;
        }

        public String getTheme() {
            return theme;
        }

        public int getFontSize() {
            return fontSize;
        }
    }

    public static class Handlers {
        @Post("/signup")
        public Signup signup(@Form Signup data) {
            return data;
        }

        @Post("/checked")
        public Checked checked(@Form Checked data) {
            return data;
        }

        @Post("/settings")
        public Map<String, Object> settings(@Form Settings data) {
            return Map.of("theme", data.getTheme(), "font_size", data.getFontSize(), "tags", data.tags);
        }

        @Post("/range")
        public Range range(@Form Range data) {
            return data;
        }

        @Post("/multi")
        public Map<String, List<String>> multi(@Form Map<String, List<String>> data) {
            return data;
        }

        @Post("/single")
        public Map<String, String> single(@Form Map<String, String> data) {
            return data;
        }

        @Post("/json")
        public Signup json(Signup data) {
            return data;
        }

        @Post("/raw")
        public Map<String, Object> raw(Request request) {
            FormData form = request.form();
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("fields", form.fields());
            out.put("files", form.files().stream().map(UploadFile::filename).toList());
            return out;
        }
    }

    private static App app() {
        return App.builder()
                .routeHandlers(new Handlers())
                .json(mapper -> mapper.setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE))
                .build();
    }

    private static Multipart.Builder signupParts() {
        return Multipart.builder()
                .field("user_name", "Ada Lovelace")
                .field("age", "36")
                .field("terms", "on")
                .field("lucky", "7")
                .field("lucky", "13")
                .field("plan", "pro");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void urlEncodedFormsBindIntoRecordsByName(Transport transport) {
        try (TestClient client = Clients.open(app(), transport)) {
            TestResponse response = client.request("POST", "/signup")
                    .form(Map.of(
                            "user_name",
                            "Ada Lovelace",
                            "age",
                            "36",
                            "terms",
                            "on",
                            "lucky",
                            List.of("7", "13"),
                            "plan",
                            "pro",
                            "unknown",
                            "ignored"))
                    .send();
            assertThat(response.status()).isEqualTo(201);
            assertThat(response.jsonMap())
                    .containsEntry("user_name", "Ada Lovelace")
                    .containsEntry("age", 36)
                    .containsEntry("terms", true)
                    .containsEntry("lucky", List.of(7, 13))
                    .containsEntry("plan", "PRO")
                    .containsEntry("nickname", null);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void multipartFormsBindTheSameWay(Transport transport) {
        try (TestClient client = Clients.open(app(), transport)) {
            TestResponse response = client.request("POST", "/signup")
                    .multipart(signupParts().field("nickname", "Countess").build())
                    .send();
            assertThat(response.status()).isEqualTo(201);
            assertThat(response.jsonMap())
                    .containsEntry("user_name", "Ada Lovelace")
                    .containsEntry("age", 36)
                    .containsEntry("nickname", "Countess")
                    .containsEntry("lucky", List.of(7, 13));
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void fieldsMayUseTheJavaNameToo(Transport transport) {
        try (TestClient client = Clients.open(app(), transport)) {
            TestResponse response = client.request("POST", "/signup")
                    .form(Map.of("userName", "Bo", "age", "5"))
                    .send();
            assertThat(response.jsonMap()).containsEntry("user_name", "Bo").containsEntry("terms", false);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void emptyInputsCountAsAbsentExceptForText(Transport transport) {
        try (TestClient client = Clients.open(app(), transport)) {
            TestResponse response = client.request("POST", "/signup")
                    .form(Map.of("user_name", "", "age", "3", "terms", "", "plan", "", "nickname", ""))
                    .send();
            assertThat(response.status()).isEqualTo(201);
            assertThat(response.jsonMap())
                    .containsEntry("user_name", "")
                    .containsEntry("plan", null)
                    .containsEntry("terms", false)
                    .containsEntry("nickname", "");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void badValuesAreA400NamingEachField(Transport transport) {
        try (TestClient client = Clients.open(app(), transport)) {
            TestResponse response = client.request("POST", "/signup")
                    .form(Map.of("user_name", "x", "age", "old", "plan", "gold", "lucky", "seven"))
                    .send();
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.jsonMap().get("detail")).isEqualTo("Validation failed for POST /signup");
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> extra =
                    (List<Map<String, Object>>) response.jsonMap().get("extra");
            assertThat(extra).extracting(error -> error.get("key")).containsExactly("age", "lucky", "plan");
            assertThat(extra).allSatisfy(error -> assertThat(error).containsEntry("source", "body"));
            assertThat(extra.get(0).get("message"))
                    .asString()
                    .contains("integer")
                    .contains("old");

            TestResponse missing = client.request("POST", "/signup")
                    .form(Map.of("user_name", "x"))
                    .send();
            assertThat(missing.status()).isEqualTo(400);
            assertThat(missing.text()).contains("Missing required form field 'age'");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void beanValidationAppliesAsForJson(Transport transport) {
        try (TestClient client = Clients.open(app(), transport)) {
            TestResponse bad = client.request("POST", "/checked")
                    .form(Map.of("email", "nope", "age", "12"))
                    .send();
            assertThat(bad.status()).isEqualTo(400);
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> extra =
                    (List<Map<String, Object>>) bad.jsonMap().get("extra");
            assertThat(extra).extracting(error -> error.get("key")).containsExactlyInAnyOrder("email", "age");
            TestResponse good = client.request("POST", "/checked")
                    .form(Map.of("email", "a@b.example", "age", "30"))
                    .send();
            assertThat(good.status()).isEqualTo(201);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aConstructorRefusingTheValuesIsA400(Transport transport) {
        try (TestClient client = Clients.open(app(), transport)) {
            TestResponse refused = client.request("POST", "/range")
                    .form(Map.of("low", "5", "high", "1"))
                    .send();
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.text()).contains("low must not be above high");
            assertThat(client.request("POST", "/range")
                            .form(Map.of("low", "1", "high", "5"))
                            .send()
                            .jsonMap())
                    .containsEntry("low", 1)
                    .containsEntry("high", 5);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void beansGetTheFieldsSentAndKeepTheirDefaults(Transport transport) {
        try (TestClient client = Clients.open(app(), transport)) {
            TestResponse response = client.request("POST", "/settings")
                    .form(Map.of("theme", "dark", "tags", List.of("a", "b")))
                    .send();
            assertThat(response.jsonMap())
                    .containsEntry("theme", "dark")
                    .containsEntry("font_size", 12)
                    .containsEntry("tags", List.of("a", "b"));
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void mapsTakeEveryField(Transport transport) {
        try (TestClient client = Clients.open(app(), transport)) {
            assertThat(client.request("POST", "/multi")
                            .form(Map.of("a", List.of("1", "2"), "b", "x"))
                            .send()
                            .jsonMap())
                    .containsEntry("a", List.of("1", "2"))
                    .containsEntry("b", List.of("x"));
            assertThat(client.request("POST", "/single")
                            .multipart(Multipart.builder()
                                    .field("a", "1")
                                    .field("a", "2")
                                    .field("é", "ü")
                                    .build())
                            .send()
                            .jsonMap())
                    .containsEntry("a", "1")
                    .containsEntry("é", "ü");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void requestFormReadsEitherEncoding(Transport transport) {
        try (TestClient client = Clients.open(app(), transport)) {
            TestResponse response = client.request("POST", "/raw")
                    .multipart(Multipart.builder()
                            .field("x", "1")
                            .file("doc", "a.txt", "text/plain", "hello")
                            .build())
                    .send();
            assertThat(response.jsonMap())
                    .containsEntry("fields", Map.of("x", List.of("1")))
                    .containsEntry("files", List.of("a.txt"));
            assertThat(client.request("POST", "/raw")
                            .form(Map.of("q", "a b&c"))
                            .send()
                            .jsonMap())
                    .containsEntry("fields", Map.of("q", List.of("a b&c")));
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void otherContentTypesAreRefusedWith415(Transport transport) {
        try (TestClient client = Clients.open(app(), transport)) {
            TestResponse response = client.post("/signup", Map.of("user_name", "x", "age", 3));
            assertThat(response.status()).isEqualTo(415);
            assertThat(response.jsonMap().get("detail"))
                    .asString()
                    .contains("Expected a form body")
                    .contains("application/json");
            assertThat(client.request("POST", "/signup")
                            .body("age=3".getBytes(), null)
                            .send()
                            .status())
                    .isEqualTo(415);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aRecordWithoutFormStaysJsonOnly(Transport transport) {
        try (TestClient client = Clients.open(app(), transport)) {
            // a cross-site page can post a form without a preflight; a JSON endpoint refuses it (415)
            TestResponse response = client.request("POST", "/json")
                    .form(Map.of("user_name", "x", "age", "3"))
                    .send();
            assertThat(response.status()).isEqualTo(415);
            TestResponse json = client.post("/json", Map.of("user_name", "x", "age", 3, "terms", true));
            assertThat(json.status()).as(json.text()).isEqualTo(201);
        }
    }

    public record Unfillable(Map<String, String> nested) {}

    public static class BadHandler {
        @Post("/bad")
        public String bad(@Form Unfillable data) {
            return "x";
        }
    }

    @Test
    void unsupportedFieldTypesFailAtStartup() {
        assertThatThrownBy(() -> App.builder().routeHandlers(new BadHandler()).build())
                .isInstanceOf(ImproperlyConfiguredException.class)
                .hasMessageContaining("form field 'nested'")
                .hasMessageContaining("Map<String, String>");
    }
}
