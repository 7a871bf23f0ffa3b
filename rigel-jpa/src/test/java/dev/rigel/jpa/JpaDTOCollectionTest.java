package dev.rigel.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigel.App;
import dev.rigel.Route;
import dev.rigel.dto.DTOConfig;
import dev.rigel.jdbc.TransactionMode;
import dev.rigel.jpa.dtomodel.Badge;
import dev.rigel.jpa.dtomodel.Member;
import dev.rigel.jpa.dtomodel.Team;
import dev.rigel.jpa.support.TestDatabase;
import dev.rigel.testing.TestResponse;
import dev.rigel.testing.support.Clients;
import dev.rigel.testing.support.Transport;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link JpaDTO} over a one-to-many collection and a version field, on H2 and PostgreSQL. */
class JpaDTOCollectionTest extends ScratchDatabaseTest {

    static final JpaDTO<Team> TEAM = JpaDTO.of(Team.class, DTOConfig.defaults());

    static Team addTeam(Team data, EntityManager dbSession) {
        dbSession.persist(data);
        dbSession.persist(new Member("Ann", data));
        dbSession.persist(new Member("Bob", data));
        return data;
    }

    /** The team alone: its members stay an uninitialised collection. */
    static Team findTeam(long id, EntityManager dbSession) {
        return dbSession.find(Team.class, id);
    }

    /** The team with its members fetched. */
    static Team fetchTeam(long id, EntityManager dbSession) {
        return dbSession
                .createQuery("select t from Team t join fetch t.members m where t.id = :id order by m.id", Team.class)
                .setParameter("id", id)
                .getSingleResult();
    }

    App app(TestDatabase kind) {
        database = kind.create();
        return App.builder()
                .plugins(new JpaPlugin(JpaConfig.builder()
                        .url(database.url())
                        .entities(Team.class, Member.class, Badge.class)
                        .schemaAction(SchemaAction.DROP_AND_CREATE)
                        .transactionMode(TransactionMode.AUTOCOMMIT)
                        .maxPoolSize(2)
                        .build()))
                .routeHandlers(
                        Route.post("/teams", JpaDTOCollectionTest::addTeam)
                                .dto(TEAM)
                                .returnDto(NO_MEMBERS),
                        Route.get("/teams/{id:int}", JpaDTOCollectionTest::findTeam)
                                .returnDto(TEAM),
                        Route.get("/teams/{id:int}/full", JpaDTOCollectionTest::fetchTeam)
                                .returnDto(TEAM))
                .build();
    }

    static final JpaDTO<Team> NO_MEMBERS =
            JpaDTO.of(Team.class, DTOConfig.builder().exclude("members").build());

    @ParameterizedTest
    @MethodSource("dev.rigel.jpa.support.TestDatabase#withTransports")
    void collectionsNestWhenFetchedAndAreNullOtherwise(TestDatabase kind, Transport transport) {
        client = Clients.open(app(kind), transport);
        TestResponse created = client.post("/teams", Map.of("name", "Blue", "version", 41, "id", 7));
        assertThat(created.status()).isEqualTo(201);
        Map<String, Object> team = created.jsonMap();
        assertThat(team).containsEntry("name", "Blue").containsEntry("version", 0);
        Object id = team.get("id");
        assertThat(id).isNotEqualTo(7);

        TestResponse full = client.get("/teams/" + id + "/full");
        assertThat(full.status()).isEqualTo(200);
        // members nest one level; a member's team and badges (depth 2) are left out, and its
        // nicknames (values, not models) are there but were not loaded
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> members =
                (List<Map<String, Object>>) full.jsonMap().get("members");
        assertThat(members).hasSize(2);
        assertThat(members)
                .allSatisfy(member -> assertThat(member)
                        .containsOnlyKeys("id", "name", "nicknames")
                        .containsEntry("nicknames", null));
        assertThat(members).extracting(member -> member.get("name")).containsExactly("Ann", "Bob");

        TestResponse alone = client.get("/teams/" + id);
        assertThat(alone.status()).isEqualTo(200);
        assertThat(alone.jsonMap()).containsEntry("name", "Blue").containsKey("members");
        assertThat(alone.jsonMap().get("members")).isNull();
    }
}
