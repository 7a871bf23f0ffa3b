package dev.rigel.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.rigel.App;
import dev.rigel.Route;
import dev.rigel.annotation.Get;
import dev.rigel.annotation.Param;
import dev.rigel.annotation.Post;
import dev.rigel.exceptions.ImproperlyConfiguredException;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.TestResponse;
import dev.rigel.testing.support.Clients;
import dev.rigel.testing.support.Transport;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A serialization plugin teaches the app a type: in bodies, responses and text parameters. */
class SerializationPluginTest {

    /** A type Jackson and Rigel know nothing about; its text form is "12.50 EUR". */
    static final class Money {
        final BigDecimal amount;
        final String currency;

        Money(BigDecimal amount, String currency) {
            this.amount = amount;
            this.currency = currency;
        }

        static Money parse(String text) {
            String[] parts = text.trim().split(" ");
            if (parts.length != 2 || !parts[1].matches("[A-Z]{3}")) {
                throw new IllegalArgumentException("not money: " + text);
            }
            return new Money(new BigDecimal(parts[0]), parts[1]);
        }

        Money times(int factor) {
            return new Money(amount.multiply(BigDecimal.valueOf(factor)), currency);
        }

        @Override
        public String toString() {
            return amount.toPlainString() + " " + currency;
        }
    }

    record Order(String item, Money price) {}

    public static final class Prices {
        @Get("/price")
        public Money price(Money amount, @Param(query = "times", defaultValue = "1") int times) {
            return amount.times(times);
        }

        @Get("/prices")
        public List<Money> prices(List<Money> amount) {
            return amount;
        }

        @Get("/optional")
        public String optional(Optional<Money> amount) {
            return amount.map(Money::toString).orElse("none");
        }

        @Get("/header")
        public Money header(@Param(header = "x-budget") Money budget) {
            return budget;
        }

        @Get("/path/{amount:str}")
        public Money path(Money amount) {
            return amount;
        }

        @Post("/orders")
        public Order order(Order data) {
            return new Order(data.item().toUpperCase(), data.price().times(2));
        }
    }

    static App app() {
        return App.builder()
                .plugins(SerializationPlugin.ofText(Money.class, Money::toString, Money::parse))
                .routeHandlers(Prices.class)
                .build();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void theTypeWorksInBodiesAndResponses(Transport transport) {
        try (TestClient client = Clients.open(app(), transport)) {
            TestResponse response = client.post("/orders", Map.of("item", "tea", "price", "2.50 EUR"));
            assertThat(response.status()).isEqualTo(201);
            assertThat(response.jsonMap()).containsEntry("item", "TEA").containsEntry("price", "5.00 EUR");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void theTypeBindsFromQueryHeaderAndPathValues(Transport transport) {
        try (TestClient client = Clients.open(app(), transport)) {
            assertThat(client.get("/price?amount=1.20%20EUR&times=3").text()).isEqualTo("\"3.60 EUR\"");
            assertThat(client.get("/prices?amount=1%20EUR&amount=2%20USD").text())
                    .isEqualTo("[\"1 EUR\",\"2 USD\"]");
            assertThat(client.get("/optional").text()).isEqualTo("none");
            assertThat(client.get("/optional?amount=3%20GBP").text()).isEqualTo("3 GBP");
            assertThat(client.request("GET", "/header")
                            .header("x-budget", "9 CHF")
                            .send()
                            .text())
                    .isEqualTo("\"9 CHF\"");
            assertThat(client.get("/path/4%20JPY").text()).isEqualTo("\"4 JPY\"");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void valuesTheDecoderRefusesAreTheClientsError(Transport transport) {
        try (TestClient client = Clients.open(app(), transport)) {
            TestResponse query = client.get("/price?amount=lots");
            assertThat(query.status()).isEqualTo(400);
            assertThat(query.text())
                    .contains("\"key\":\"amount\"")
                    .contains("expected a Money, got 'lots'")
                    .contains("\"source\":\"query\"");

            TestResponse header = client.request("GET", "/header")
                    .header("x-budget", "plenty")
                    .send();
            assertThat(header.status()).isEqualTo(400);
            assertThat(header.text()).contains("x-budget");

            // as for every path value that does not convert: no route matched
            assertThat(client.get("/path/nothing").status()).isEqualTo(404);

            TestResponse body = client.post("/orders", Map.of("item", "tea", "price", "free"));
            assertThat(body.status()).isEqualTo(400);
            assertThat(body.text()).contains("\"key\":\"price\"").contains("expected Money, got 'free'");

            TestResponse wrongShape = client.post("/orders", Map.of("item", "tea", "price", 12));
            assertThat(wrongShape.status()).isEqualTo(400);
            assertThat(wrongShape.text()).contains("\"key\":\"price\"");
        }
    }

    @Test
    void withoutThePluginTheParameterIsAMissingDependency() {
        assertThatThrownBy(() -> App.builder().routeHandlers(Prices.class).build())
                .isInstanceOf(ImproperlyConfiguredException.class)
                .hasMessageContaining("no layer provides a dependency named");
    }

    /** A plugin with only a Jackson module: bodies and responses, no text form. */
    static final class MoneyAsObjectPlugin implements SerializationPlugin {
        @Override
        public Module jacksonModule() {
            return new SimpleModule("money-object").addSerializer(Money.class, new StdSerializer<>(Money.class) {
                @Override
                public void serialize(Money value, JsonGenerator generator, SerializerProvider provider)
                        throws IOException {
                    generator.writeStartObject();
                    generator.writeStringField("amount", value.amount.toPlainString());
                    generator.writeStringField("currency", value.currency);
                    generator.writeEndObject();
                }
            });
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aModuleOnlyPluginServesResponses(Transport transport) {
        App app = App.builder()
                .plugins(new MoneyAsObjectPlugin())
                .routeHandlers(Route.get("/m", () -> new Money(new BigDecimal("1.5"), "EUR")))
                .build();
        try (TestClient client = Clients.open(app, transport)) {
            assertThat(client.get("/m").jsonMap())
                    .containsEntry("amount", "1.5")
                    .containsEntry("currency", "EUR");
        }
        assertThatThrownBy(() -> App.builder()
                        .plugins(new MoneyAsObjectPlugin())
                        .routeHandlers(Prices.class)
                        .build())
                .isInstanceOf(ImproperlyConfiguredException.class);
    }

    @Test
    void theAppsOwnJsonCustomizerHasTheLastWord() {
        App app = App.builder()
                .plugins(SerializationPlugin.ofText(Money.class, Money::toString, Money::parse))
                .json(mapper -> mapper.registerModule(new MoneyAsObjectPlugin().jacksonModule()))
                .routeHandlers(Route.get("/m", () -> new Money(BigDecimal.ONE, "EUR")))
                .build();
        try (TestClient client = TestClient.of(app)) {
            assertThat(client.get("/m").jsonMap()).containsEntry("currency", "EUR");
        }
        assertThat(app.plugin(SerializationPlugin.class).toString()).contains("Money");
    }
}
