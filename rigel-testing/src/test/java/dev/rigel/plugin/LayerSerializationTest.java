package dev.rigel.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigel.App;
import dev.rigel.Route;
import dev.rigel.Router;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.TestResponse;
import dev.rigel.testing.support.Clients;
import dev.rigel.testing.support.Transport;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Type encoders and decoders on a layer (Litestar's layer {@code type_encoders}/{@code type_decoders}). */
class LayerSerializationTest {

    record Money(BigDecimal amount, String currency) {
        static Money parse(String text) {
            String[] parts = text.trim().split(" ");
            return new Money(new BigDecimal(parts[0]), parts[1]);
        }

        String text() {
            return amount.toPlainString() + " " + currency;
        }

        /** The legacy API's form: whole cents and the currency, e.g. {@code 1250EUR}. */
        static Money fromCents(String text) {
            if (!text.matches("\\d+[A-Z]{3}")) {
                throw new IllegalArgumentException("not cents and a currency: " + text);
            }
            return new Money(
                    new BigDecimal(text.substring(0, text.length() - 3)).movePointLeft(2),
                    text.substring(text.length() - 3));
        }

        String cents() {
            return amount.movePointRight(2).toBigIntegerExact() + currency;
        }
    }

    record Price(String item, Money price) {}

    static final SerializationPlugin TEXT = SerializationPlugin.ofText(Money.class, Money::text, Money::parse);
    static final SerializationPlugin CENTS = SerializationPlugin.ofText(Money.class, Money::cents, Money::fromCents);
    static final SerializationPlugin SHOUTING =
            SerializationPlugin.ofText(Money.class, money -> money.text().toUpperCase() + "!", Money::parse);

    static App app() {
        Router legacy = Router.builder("/legacy")
                .serialization(CENTS)
                .routeHandlers(
                        Route.get("/price", () -> new Price("tea", Money.parse("12.50 EUR"))),
                        Route.get("/echo", (Money amount) -> new Price("echo", amount)),
                        Route.post("/prices", (Price data) -> data),
                        Route.get("/loud", () -> new Price("tea", Money.parse("1.00 eur")))
                                .serialization(SHOUTING))
                .build();
        return App.builder()
                .plugins(TEXT)
                .routeHandlers(
                        legacy,
                        Route.get("/price", () -> new Price("tea", Money.parse("12.50 EUR"))),
                        Route.get("/echo", (Money amount) -> new Price("echo", amount)))
                .build();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aLayersEncodersReplaceTheAppsForItsRoutesOnly(Transport transport) {
        try (TestClient client = Clients.open(app(), transport)) {
            assertThat(client.get("/price").jsonMap()).isEqualTo(Map.of("item", "tea", "price", "12.50 EUR"));
            assertThat(client.get("/legacy/price").jsonMap()).isEqualTo(Map.of("item", "tea", "price", "1250EUR"));
            // the closest layer wins: a handler's own over its router's
            assertThat(client.get("/legacy/loud").jsonMap()).isEqualTo(Map.of("item", "tea", "price", "1.00 EUR!"));
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aLayersDecodersReadItsBodiesAndParameters(Transport transport) {
        try (TestClient client = Clients.open(app(), transport)) {
            assertThat(client.get("/echo?amount=3.20%20USD").jsonMap().get("price"))
                    .isEqualTo("3.20 USD");
            assertThat(client.get("/legacy/echo?amount=320USD").jsonMap().get("price"))
                    .isEqualTo("320USD");
            TestResponse wrongForm = client.get("/legacy/echo?amount=3.20%20USD");
            assertThat(wrongForm.status()).isEqualTo(400);
            assertThat(wrongForm.json().get("extra").get(0).get("key").asText()).isEqualTo("amount");

            TestResponse created = client.request("POST", "/legacy/prices")
                    .json(Map.of("item", "cake", "price", "999GBP"))
                    .send();
            assertThat(created.status()).isEqualTo(201);
            assertThat(created.jsonMap()).isEqualTo(Map.of("item", "cake", "price", "999GBP"));
            TestResponse refused = client.request("POST", "/legacy/prices")
                    .json(Map.of("item", "cake", "price", "9.99 GBP"))
                    .send();
            assertThat(refused.status()).isEqualTo(400);
        }
    }
}
