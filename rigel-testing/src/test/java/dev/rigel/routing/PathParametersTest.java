package dev.rigel.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigel.App;
import dev.rigel.Controller;
import dev.rigel.annotation.Get;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.TestResponse;
import dev.rigel.testing.support.Clients;
import dev.rigel.testing.support.Transport;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every path parameter type converts, binds by name, and answers 404 when the value does not fit. */
class PathParametersTest {

    public static class Typed extends Controller {
        public Typed() {
            super("/t");
        }

        @Get("/str/{value:str}")
        public String str(String value) {
            return "str " + value;
        }

        @Get("/untyped/{value}")
        public String untyped(String value) {
            return "untyped " + value;
        }

        @Get("/int/{value:int}")
        public String integer(int value) {
            return "int " + (value + 1);
        }

        @Get("/long/{value:long}")
        public String longValue(long value) {
            return "long " + (value + 1);
        }

        @Get("/float/{value:float}")
        public String floatValue(double value) {
            return "float " + value * 2;
        }

        @Get("/decimal/{value:decimal}")
        public String decimal(BigDecimal value) {
            return "decimal " + value.add(BigDecimal.ONE).toPlainString();
        }

        @Get("/uuid/{value:uuid}")
        public String uuid(UUID value) {
            return "uuid v" + value.version() + " " + value;
        }

        @Get("/date/{value:date}")
        public String date(LocalDate value) {
            return "date " + value.plusDays(1);
        }

        @Get("/datetime/{value:datetime}")
        public String dateTime(LocalDateTime value) {
            return "datetime " + value.plusHours(1);
        }

        @Get("/offset-datetime/{value:datetime}")
        public String offsetDateTime(OffsetDateTime value) {
            return "offset " + value.toInstant();
        }

        @Get("/time/{value:time}")
        public String time(LocalTime value) {
            return "time " + value.plusMinutes(1);
        }

        @Get("/offset-time/{value:time}")
        public String offsetTime(OffsetTime value) {
            return "offset time " + value.getOffset();
        }

        @Get("/duration/{value:duration}")
        public String duration(Duration value) {
            return "duration " + value.toSeconds() + "s";
        }

        @Get("/files/{file:path}")
        public String file(String file) {
            return "file " + file;
        }

        @Get("/users/{user_id:int}/camel")
        public String camel(int userId) {
            return "camel " + userId;
        }

        @Get("/users/{user_id:int}/snake")
        public String snake(int user_id) {
            return "snake " + user_id;
        }

        @Get("/users/{user_id:int}/as-long")
        public String asLong(long userId) {
            return "long " + (userId * 1_000_000_000L);
        }

        @Get("/users/{user_id:int}/boxed")
        public String boxed(Integer userId) {
            return "boxed " + userId.getClass().getSimpleName();
        }

        @Get("/users/{user_id:int}/as-text")
        public String asText(String userId) {
            return "text " + userId.length();
        }

        @Get("/pairs/{left:int}/{right:long}")
        public String pair(long right, int left) {
            return left + "+" + right + "=" + (left + right);
        }
    }

    static final App APP = App.builder().routeHandlers(Typed.class).build();

    private static String text(TestClient client, String path) {
        TestResponse response = client.get(path);
        assertThat(response.status()).as("GET %s -> %s", path, response.text()).isEqualTo(200);
        return response.text();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void everyTypeConvertsAndBinds(Transport transport) {
        try (TestClient client = Clients.open(APP, transport)) {
            assertThat(text(client, "/t/str/hello")).isEqualTo("str hello");
            assertThat(text(client, "/t/untyped/42")).isEqualTo("untyped 42");
            assertThat(text(client, "/t/int/41")).isEqualTo("int 42");
            assertThat(text(client, "/t/int/-5")).isEqualTo("int -4");
            assertThat(text(client, "/t/long/9000000000")).isEqualTo("long 9000000001");
            assertThat(text(client, "/t/float/1.25")).isEqualTo("float 2.5");
            assertThat(text(client, "/t/decimal/0.10")).isEqualTo("decimal 1.10");
            assertThat(text(client, "/t/uuid/0f8fad5b-d9cb-469f-a165-70867728950e"))
                    .isEqualTo("uuid v4 0f8fad5b-d9cb-469f-a165-70867728950e");
            assertThat(text(client, "/t/date/2024-02-28")).isEqualTo("date 2024-02-29");
            assertThat(text(client, "/t/datetime/2024-01-31T23:30:00")).isEqualTo("datetime 2024-02-01T00:30");
            assertThat(text(client, "/t/offset-datetime/2024-01-31T10:00:00+02:00"))
                    .isEqualTo("offset 2024-01-31T08:00:00Z");
            assertThat(text(client, "/t/time/10:59")).isEqualTo("time 11:00");
            assertThat(text(client, "/t/offset-time/10:59:00Z")).isEqualTo("offset time Z");
            assertThat(text(client, "/t/duration/PT1H")).isEqualTo("duration 3600s");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aPathParameterTakesTheRestOfThePath(Transport transport) {
        try (TestClient client = Clients.open(APP, transport)) {
            assertThat(text(client, "/t/files/readme.md")).isEqualTo("file /readme.md");
            assertThat(text(client, "/t/files/docs/guide/intro.html")).isEqualTo("file /docs/guide/intro.html");
            assertThat(text(client, "/t/files/a%20b/c")).isEqualTo("file /a b/c");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aSnakeCaseParameterBindsToCamelOrSnakeCaseJavaNames(Transport transport) {
        try (TestClient client = Clients.open(APP, transport)) {
            assertThat(text(client, "/t/users/7/camel")).isEqualTo("camel 7");
            assertThat(text(client, "/t/users/7/snake")).isEqualTo("snake 7");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void anIntParameterBindsToWiderOrOtherJavaTypes(Transport transport) {
        try (TestClient client = Clients.open(APP, transport)) {
            assertThat(text(client, "/t/users/5/as-long")).isEqualTo("long 5000000000");
            assertThat(text(client, "/t/users/5/boxed")).isEqualTo("boxed Integer");
            assertThat(text(client, "/t/users/12345/as-text")).isEqualTo("text 5");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void severalParametersBindByNameNotPosition(Transport transport) {
        try (TestClient client = Clients.open(APP, transport)) {
            assertThat(text(client, "/t/pairs/2/3000000000")).isEqualTo("2+3000000000=3000000002");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aValueThatDoesNotConvertIs404Not400(Transport transport) {
        String[] paths = {
            "/t/int/abc",
            "/t/int/4.5",
            "/t/int/99999999999",
            "/t/long/1e9",
            "/t/float/abc",
            "/t/float/NaN",
            "/t/decimal/ten",
            "/t/uuid/123",
            "/t/uuid/0f8fad5b-d9cb-469f-a165-70867728950z",
            "/t/date/2023-02-29",
            "/t/date/today",
            "/t/datetime/2024-01-31",
            "/t/time/25:00",
            "/t/duration/5m",
            "/t/users/abc/camel",
            "/t/pairs/x/1",
            "/t/pairs/1/x"
        };
        try (TestClient client = Clients.open(APP, transport)) {
            for (String path : paths) {
                TestResponse response = client.get(path);
                assertThat(response.status()).as(path).isEqualTo(404);
                assertThat(response.text()).as(path).isEqualTo(RoutingTest.NOT_FOUND);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aDateTimeThatDoesNotFitTheJavaTypeIs404(Transport transport) {
        try (TestClient client = Clients.open(APP, transport)) {
            // an offset date-time is a valid datetime, but cannot become a LocalDateTime without losing the offset
            assertThat(client.get("/t/datetime/2024-01-31T10:00:00Z").status()).isEqualTo(404);
            assertThat(client.get("/t/offset-datetime/2024-01-31T10:00:00").status())
                    .isEqualTo(404);
            assertThat(client.get("/t/offset-time/10:00").status()).isEqualTo(404);
        }
    }
}
