package dev.rigel.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.rigel.App;
import dev.rigel.Route;
import dev.rigel.jdbc.TransactionMode;
import dev.rigel.jpa.support.TestDatabase;
import dev.rigel.jpa.validmodel.Box;
import dev.rigel.jpa.validmodel.Gadget;
import dev.rigel.testing.TestResponse;
import dev.rigel.testing.support.Clients;
import dev.rigel.testing.support.Transport;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An entity failing Bean Validation as Hibernate persists or flushes it is the core's 400
 * validation error (keys are property paths, spelled by the app's JSON naming strategy), and the
 * request's transaction is rolled back; on H2 and PostgreSQL, in-process and over the server.
 */
class JpaEntityValidationTest extends ScratchDatabaseTest {

    /** A valid spare gadget, written at once, then the one asked for: the spare must not outlive a 400. */
    static Gadget create(String name, int quantity, int width, EntityManager dbSession) {
        dbSession.persist(new Gadget("Spare", 1, 1));
        dbSession.flush();
        Gadget gadget = new Gadget(name, quantity, width);
        dbSession.persist(gadget);
        return gadget;
    }

    /** Changes a stored gadget; the change is only flushed, and validated, at commit. */
    static Map<String, Object> changeQuantity(long id, int quantity, EntityManager dbSession) {
        dbSession.find(Gadget.class, id).setQuantity(quantity);
        return Map.of("changed", true);
    }

    static Map<String, Object> quantity(long id, EntityManager dbSession) {
        return Map.of("quantity", dbSession.find(Gadget.class, id).getQuantity());
    }

    static Map<String, Object> count(EntityManager dbSession) {
        return Map.of(
                "count",
                dbSession
                        .createQuery("select count(g) from Gadget g", Long.class)
                        .getSingleResult());
    }

    App app(TestDatabase kind) {
        database = kind.create();
        return App.builder()
                .json(mapper -> mapper.setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE))
                .plugins(new JpaPlugin(JpaConfig.builder()
                        .url(database.url())
                        .entities(Gadget.class, Box.class)
                        .schemaAction(SchemaAction.DROP_AND_CREATE)
                        .transactionMode(TransactionMode.AUTOCOMMIT)
                        .maxPoolSize(2)
                        .build()))
                .routeHandlers(
                        Route.post("/gadgets", JpaEntityValidationTest::create),
                        Route.put("/gadgets/{id:int}/quantity", JpaEntityValidationTest::changeQuantity),
                        Route.get("/gadgets/{id:int}/quantity", JpaEntityValidationTest::quantity),
                        Route.get("/gadgets/count", JpaEntityValidationTest::count))
                .build();
    }

    private Object stored() {
        TestResponse count = client.get("/gadgets/count");
        assertThat(count.status()).isEqualTo(200);
        return count.jsonMap().get("count");
    }

    @ParameterizedTest
    @MethodSource("dev.rigel.jpa.support.TestDatabase#withTransports")
    void anInvalidEntityAtPersistIsA400AndRollsBack(TestDatabase kind, Transport transport) {
        client = Clients.open(app(kind), transport);

        TestResponse invalid = client.post("/gadgets?name=%20&quantity=0&width=-2", Map.of());
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.jsonMap())
                .containsEntry("status_code", 400)
                .containsEntry("detail", "Validation failed for POST /gadgets")
                .containsEntry(
                        "extra",
                        List.of(
                                Map.of("key", "box.width", "message", "must be greater than 0", "source", "body"),
                                Map.of("key", "display_name", "message", "must not be blank", "source", "body"),
                                Map.of(
                                        "key",
                                        "quantity",
                                        "message",
                                        "must be greater than or equal to 1",
                                        "source",
                                        "body")));
        // the spare written before the failure was rolled back with it
        assertThat(stored()).isEqualTo(0);

        TestResponse valid = client.post("/gadgets?name=Lamp&quantity=2&width=3", Map.of());
        assertThat(valid.status()).isEqualTo(201);
        assertThat(stored()).isEqualTo(2);
    }

    @ParameterizedTest
    @MethodSource("dev.rigel.jpa.support.TestDatabase#withTransports")
    void anInvalidChangeFoundAtCommitReplacesTheResponseWithA400(TestDatabase kind, Transport transport) {
        client = Clients.open(app(kind), transport);
        TestResponse created = client.post("/gadgets?name=Lamp&quantity=2&width=3", Map.of());
        assertThat(created.status()).isEqualTo(201);
        Object id = created.jsonMap().get("id");

        TestResponse invalid = client.put("/gadgets/" + id + "/quantity?quantity=-5", Map.of());
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.jsonMap())
                .containsEntry("detail", "Validation failed for PUT /gadgets/" + id + "/quantity")
                .containsEntry(
                        "extra",
                        List.of(Map.of(
                                "key", "quantity", "message", "must be greater than or equal to 1", "source", "body")));
        assertThat(client.get("/gadgets/" + id + "/quantity").jsonMap()).containsEntry("quantity", 2);

        TestResponse valid = client.put("/gadgets/" + id + "/quantity?quantity=7", Map.of());
        assertThat(valid.status()).isEqualTo(200);
        assertThat(client.get("/gadgets/" + id + "/quantity").jsonMap()).containsEntry("quantity", 7);
    }
}
