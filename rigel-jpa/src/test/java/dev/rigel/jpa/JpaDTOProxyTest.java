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
import org.hibernate.Hibernate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link JpaDTO} over Hibernate proxies, on H2 and PostgreSQL: a proxy the handler returns is
 * loaded and encoded as its entity; a proxy or lazy association met inside a collection is never
 * loaded (null), and a loaded element proxy is encoded as its entity. The entities have no getters
 * for most fields, so a DTO reads their fields, which a proxy leaves empty.
 */
class JpaDTOProxyTest extends ScratchDatabaseTest {

    static final JpaDTO<Member> MEMBER = JpaDTO.of(Member.class, DTOConfig.defaults());
    static final JpaDTO<Team> TEAM =
            JpaDTO.of(Team.class, DTOConfig.builder().exclude("members").build());
    /** Team → members → their team, favourite badge and badges. */
    static final JpaDTO<Team> TEAM_DEEP =
            JpaDTO.of(Team.class, DTOConfig.builder().maxNestedDepth(2).build());

    /** Team Blue with Ann (badges Gold and Silver, favourite Gold) and Bob; answers the ids. */
    static Map<String, Long> seed(EntityManager dbSession) {
        Team team = new Team("Blue");
        dbSession.persist(team);
        Badge gold = new Badge("Gold");
        Badge silver = new Badge("Silver");
        dbSession.persist(gold);
        dbSession.persist(silver);
        Member ann = new Member("Ann", team);
        ann.badges().addAll(List.of(gold, silver));
        ann.favourite(gold);
        ann.nicknames().add("Annie");
        dbSession.persist(ann);
        Member bob = new Member("Bob", team);
        dbSession.persist(bob);
        return Map.of("team", team.getId(), "ann", ann.id(), "bob", bob.id(), "gold", gold.id(), "silver", silver.id());
    }

    /** An uninitialised proxy, returned as is. */
    static Member reference(long id, EntityManager dbSession) {
        Member member = dbSession.getReference(Member.class, id);
        assertThat(Hibernate.isInitialized(member)).isFalse();
        return member;
    }

    static Member initialisedReference(long id, EntityManager dbSession) {
        Member member = dbSession.getReference(Member.class, id);
        Hibernate.initialize(member);
        return member;
    }

    /** A member's lazy team, an uninitialised proxy, returned directly. */
    static Team teamOf(long id, EntityManager dbSession) {
        Team team = dbSession.find(Member.class, id).team();
        assertThat(Hibernate.isInitialized(team)).isFalse();
        return team;
    }

    static List<Member> references(long id, long second, EntityManager dbSession) {
        return List.of(dbSession.getReference(Member.class, id), dbSession.getReference(Member.class, second));
    }

    /**
     * A new member wearing Gold, given as a reference (the usual way to link a row by id, which
     * loads nothing), and Silver, loaded; {@code load=true} loads Gold before returning.
     */
    static Member badged(long gold, long silver, boolean load, EntityManager dbSession) {
        Badge reference = dbSession.getReference(Badge.class, gold);
        Member member = new Member("Cy", null);
        member.badges().addAll(List.of(reference, dbSession.find(Badge.class, silver)));
        dbSession.persist(member);
        dbSession.flush();
        if (load) {
            Hibernate.initialize(reference);
        }
        assertThat(Hibernate.isInitialized(reference)).isEqualTo(load);
        return member;
    }

    /** The team with its members fetched; the members' favourites, badges and nicknames are not. */
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
                        Route.post("/seed", JpaDTOProxyTest::seed),
                        Route.get("/members/{id:int}/reference", JpaDTOProxyTest::reference)
                                .returnDto(MEMBER),
                        Route.get("/members/{id:int}/initialised", JpaDTOProxyTest::initialisedReference)
                                .returnDto(MEMBER),
                        Route.get("/members/{id:int}/team", JpaDTOProxyTest::teamOf)
                                .returnDto(TEAM),
                        Route.get("/members/{id:int}/and/{second:int}", JpaDTOProxyTest::references)
                                .returnDto(MEMBER),
                        Route.post("/members/badged", JpaDTOProxyTest::badged).returnDto(MEMBER),
                        Route.get("/teams/{id:int}", JpaDTOProxyTest::fetchTeam).returnDto(TEAM_DEEP))
                .build();
    }

    private Map<String, Object> seeded() {
        TestResponse seeded = client.post("/seed", Map.of());
        assertThat(seeded.status()).isEqualTo(201);
        return seeded.jsonMap();
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object json) {
        return (List<Object>) json;
    }

    @ParameterizedTest
    @MethodSource("dev.rigel.jpa.support.TestDatabase#withTransports")
    void aReturnedProxyIsLoadedAndEncodedAsItsEntity(TestDatabase kind, Transport transport) {
        client = Clients.open(app(kind), transport);
        Map<String, Object> ids = seeded();
        Object ann = ids.get("ann");

        for (String route : List.of("reference", "initialised")) {
            TestResponse response = client.get("/members/" + ann + "/" + route);
            assertThat(response.status()).as(route).isEqualTo(200);
            // the entity's own fields; its lazy team, favourite and badges stay unloaded
            assertThat(response.jsonMap())
                    .as(route)
                    .containsEntry("id", ann)
                    .containsEntry("name", "Ann")
                    .containsEntry("team", null)
                    .containsEntry("favourite", null)
                    .containsEntry("badges", null)
                    .containsEntry("nicknames", null);
        }

        TestResponse team = client.get("/members/" + ann + "/team");
        assertThat(team.status()).isEqualTo(200);
        assertThat(team.jsonMap())
                .containsEntry("id", ids.get("team"))
                .containsEntry("name", "Blue")
                .containsEntry("version", 0);

        TestResponse both = client.get("/members/" + ann + "/and/" + ids.get("bob"));
        assertThat(both.status()).isEqualTo(200);
        assertThat(both.jsonList())
                .extracting(member -> (Object) member.get("name"))
                .containsExactly("Ann", "Bob");
    }

    @ParameterizedTest
    @MethodSource("dev.rigel.jpa.support.TestDatabase#withTransports")
    void aProxyInsideACollectionIsNullUntilLoaded(TestDatabase kind, Transport transport) {
        client = Clients.open(app(kind), transport);
        Map<String, Object> ids = seeded();
        String badged = "/members/badged?gold=" + ids.get("gold") + "&silver=" + ids.get("silver");

        TestResponse unloaded = client.post(badged + "&load=false", Map.of());
        assertThat(unloaded.status()).isEqualTo(201);
        assertThat(list(unloaded.jsonMap().get("badges")))
                .containsExactly(null, Map.of("id", ids.get("silver"), "label", "Silver"));

        TestResponse loaded = client.post(badged + "&load=true", Map.of());
        assertThat(loaded.status()).isEqualTo(201);
        assertThat(list(loaded.jsonMap().get("badges")))
                .containsExactly(
                        Map.of("id", ids.get("gold"), "label", "Gold"),
                        Map.of("id", ids.get("silver"), "label", "Silver"));
    }

    @ParameterizedTest
    @MethodSource("dev.rigel.jpa.support.TestDatabase#withTransports")
    void lazyAssociationsOfCollectionElementsStayUnloaded(TestDatabase kind, Transport transport) {
        client = Clients.open(app(kind), transport);
        Map<String, Object> ids = seeded();

        TestResponse team = client.get("/teams/" + ids.get("team"));
        assertThat(team.status()).isEqualTo(200);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> members =
                (List<Map<String, Object>>) team.jsonMap().get("members");
        assertThat(members).extracting(member -> (Object) member.get("name")).containsExactly("Ann", "Bob");
        // Ann's favourite proxy, badges and nicknames were never loaded; her team is the loaded team
        assertThat(members.get(0))
                .containsEntry("favourite", null)
                .containsEntry("badges", null)
                .containsEntry("nicknames", null);
        assertThat(members.get(0).get("team"))
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("name", "Blue");
    }
}
