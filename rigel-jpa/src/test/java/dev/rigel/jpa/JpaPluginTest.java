package dev.rigel.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigel.App;
import dev.rigel.Route;
import dev.rigel.http.Response;
import dev.rigel.jdbc.TransactionMode;
import dev.rigel.jpa.support.TestDatabase;
import dev.rigel.jpa.testmodel.Author;
import dev.rigel.jpa.testmodel.Book;
import dev.rigel.jpa.testmodel.Tag;
import dev.rigel.response.Redirect;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.TestResponse;
import dev.rigel.testing.support.Clients;
import dev.rigel.testing.support.Transport;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The JPA plugin on H2 and PostgreSQL, in-process and over the server: a session per request,
 * transactions ended by the response status, constraint violations as 409, missing rows as 404,
 * an exhausted pool as a quick 503.
 */
class JpaPluginTest {

    private TestDatabase.Scratch database;

    @AfterEach
    void dropDatabase() {
        if (database != null) {
            database.close();
        }
    }

    // ---- handlers ----

    /** Thrown by a handler; an exception handler turns it into a 200, yet the transaction must roll back. */
    static final class Handled extends RuntimeException {
        Handled() {
            super("handled", null, false, false);
        }
    }

    static Map<String, Object> create(String name, Optional<String> email, EntityManager dbSession) {
        Author author = new Author(name, email.orElse(null), null);
        dbSession.persist(author);
        return Map.of("id", author.getId());
    }

    static Object createThen(String outcome, String name, EntityManager dbSession) {
        dbSession.persist(new Author(name, null, null));
        return switch (outcome) {
            case "throw" -> throw new IllegalStateException("the handler failed after writing");
            case "handled" -> throw new Handled();
            case "reject" -> Response.of("rejected").status(422);
            case "unavailable" -> Response.of("down").status(503);
            case "redirect" -> Redirect.to("/authors/count").status(303);
            case "commit" -> {
                dbSession.getTransaction().commit();
                yield "committed";
            }
            default -> "ok";
        };
    }

    static long count(EntityManager dbSession) {
        return dbSession
                .createQuery("select count(a) from Author a", Long.class)
                .getSingleResult();
    }

    static Map<String, Object> rename(long id, String email, EntityManager dbSession) {
        Author author = dbSession.find(Author.class, id);
        author.setEmail(email);
        // no flush: the UPDATE happens at commit, after this response was built
        return Map.of("id", id, "email", email);
    }

    static Map<String, Object> addBook(String title, long authorId, EntityManager dbSession) {
        Book book = new Book(title, dbSession.getReference(Author.class, authorId));
        dbSession.persist(book);
        return Map.of("id", book.getId());
    }

    static Object removeAuthor(long id, EntityManager dbSession) {
        Repository.<Author, Long>of(dbSession, Author.class).delete(id);
        return null;
    }

    static Map<String, Object> getAuthor(long id, EntityManager dbSession) {
        Author author = Repository.<Author, Long>of(dbSession, Author.class).get(id);
        return Map.of("id", author.getId(), "name", author.getName());
    }

    /** A GET that changes a loaded author and adds one: HTTP says GET only reads, so it should not do this. */
    static Map<String, Object> touchOnGet(long id, EntityManager dbSession) {
        Author author = dbSession.find(Author.class, id);
        author.setEmail("changed@example.com");
        dbSession.persist(new Author("added by a GET", null, null));
        boolean[] autoCommit = new boolean[1];
        dbSession.unwrap(org.hibernate.Session.class).doWork(connection -> autoCommit[0] = connection.getAutoCommit());
        return Map.of(
                "inTransaction", dbSession.getTransaction().isActive(),
                "autoCommit", autoCommit[0],
                "readOnly", dbSession.unwrap(org.hibernate.Session.class).isReadOnly(author),
                "flushMode",
                        dbSession
                                .unwrap(org.hibernate.Session.class)
                                .getHibernateFlushMode()
                                .name());
    }

    /** A GET that must change what it loaded marks it modifiable. */
    static String touchModifiable(long id, EntityManager dbSession) {
        Author author = dbSession.find(Author.class, id);
        dbSession.unwrap(org.hibernate.Session.class).setReadOnly(author, false);
        author.setEmail("marked@example.com");
        return "ok";
    }

    /**
     * A GET that reads twice and says how many of the pool's connections were lent out between
     * the reads: its own, kept from its first read to its end, not given back after each one.
     */
    static int lentBetweenReads(long id, EntityManager dbSession) throws java.sql.SQLException {
        dbSession.find(Author.class, id);
        javax.sql.DataSource pool = dbSession
                .getEntityManagerFactory()
                .unwrap(org.hibernate.engine.spi.SessionFactoryImplementor.class)
                .getServiceRegistry()
                .requireService(org.hibernate.engine.jdbc.connections.spi.ConnectionProvider.class)
                .unwrap(javax.sql.DataSource.class);
        int lent = pool.unwrap(com.zaxxer.hikari.HikariDataSource.class)
                .getHikariPoolMXBean()
                .getActiveConnections();
        dbSession.createQuery("select count(a) from Author a", Long.class).getSingleResult();
        return lent;
    }

    /** A GET that persists and changes, then fails: nothing it did may be written. */
    static String touchThenFail(long id, EntityManager dbSession) {
        Author author = dbSession.find(Author.class, id);
        dbSession.unwrap(org.hibernate.Session.class).setReadOnly(author, false);
        author.setEmail("failed@example.com");
        dbSession.persist(new Author("added by a failing GET", null, null));
        throw new dev.rigel.exceptions.ConflictException("refused after touching");
    }

    static String emailOf(long id, EntityManager dbSession) {
        return String.valueOf(dbSession.find(Author.class, id).getEmail());
    }

    static String unused(EntityManager dbSession) {
        return dbSession.isOpen() ? "open" : "closed";
    }

    /** Asks for the session but only reads the metamodel, as building a repository does. */
    static String metamodelOnly(EntityManager dbSession) {
        return Repository.of(dbSession, Author.class).entityName();
    }

    static String plain() {
        return "plain";
    }

    static Map<String, Object> engine(EntityManagerFactory dbEngine) {
        return Map.of(
                "open",
                dbEngine.isOpen(),
                "entities",
                dbEngine.getMetamodel().getEntities().size());
    }

    // ---- setup ----

    JpaPlugin plugin(TestDatabase kind, TransactionMode mode, Consumer<JpaConfig.Builder> adjust) {
        database = kind.create();
        JpaConfig.Builder config = JpaConfig.builder()
                .url(database.url())
                .entities(Author.class, Book.class, Tag.class)
                .schemaAction(SchemaAction.DROP_AND_CREATE)
                .transactionMode(mode)
                .maxPoolSize(2);
        adjust.accept(config);
        return new JpaPlugin(config.build());
    }

    static App app(JpaPlugin plugin) {
        return App.builder()
                .plugins(plugin)
                .exceptionHandler(
                        Handled.class, (request, e) -> Response.of("handled").status(200))
                .routeHandlers(
                        Route.post("/authors", JpaPluginTest::create),
                        Route.post("/authors/then/{outcome:str}", JpaPluginTest::createThen),
                        Route.get("/authors/count", JpaPluginTest::count),
                        Route.put("/authors/{id:int}/email", JpaPluginTest::rename),
                        Route.delete("/authors/{id:int}", JpaPluginTest::removeAuthor),
                        Route.get("/authors/{id:int}", JpaPluginTest::getAuthor),
                        Route.post("/books", JpaPluginTest::addBook),
                        Route.get("/unused", JpaPluginTest::unused),
                        Route.get("/authors/{id:int}/touch", JpaPluginTest::touchOnGet),
                        Route.get("/authors/{id:int}/lent-between-reads", JpaPluginTest::lentBetweenReads),
                        Route.post("/authors/{id:int}/touch", JpaPluginTest::touchOnGet),
                        Route.get("/authors/{id:int}/email", JpaPluginTest::emailOf),
                        Route.get("/authors/{id:int}/touch-modifiable", JpaPluginTest::touchModifiable),
                        Route.get("/authors/{id:int}/touch-then-fail", JpaPluginTest::touchThenFail),
                        Route.get("/plain", JpaPluginTest::plain),
                        Route.get("/metamodel-only", JpaPluginTest::metamodelOnly),
                        Route.post("/metamodel-only", JpaPluginTest::metamodelOnly),
                        Route.get("/engine", JpaPluginTest::engine))
                .build();
    }

    App app(TestDatabase kind, TransactionMode mode) {
        return app(plugin(kind, mode, config -> {}));
    }

    static long storedAuthors(TestClient client) {
        TestResponse response = client.get("/authors/count");
        assertThat(response.status()).isEqualTo(200);
        return Long.parseLong(response.text());
    }

    // ---- transaction modes ----

    @ParameterizedTest
    @MethodSource("dev.rigel.jpa.support.TestDatabase#withTransports")
    void autocommitCommitsA2xxAndRollsBackErrorsRedirectsAndExceptions(TestDatabase kind, Transport transport) {
        try (TestClient client = Clients.open(app(kind, TransactionMode.AUTOCOMMIT), transport)) {
            assertThat(client.post("/authors/then/ok?name=kept", Map.of()).status())
                    .isEqualTo(201);
            assertThat(storedAuthors(client)).isEqualTo(1);

            assertThat(client.post("/authors/then/reject?name=x", Map.of()).status())
                    .isEqualTo(422);
            assertThat(client.post("/authors/then/unavailable?name=x", Map.of()).status())
                    .isEqualTo(503);
            assertThat(client.post("/authors/then/redirect?name=x", Map.of()).status())
                    .isEqualTo(303);
            assertThat(client.post("/authors/then/throw?name=x", Map.of()).status())
                    .isEqualTo(500);
            // an exception answered with a 200 by an exception handler still rolls back
            TestResponse handled = client.post("/authors/then/handled?name=x", Map.of());
            assertThat(handled.status()).isEqualTo(200);
            assertThat(handled.text()).isEqualTo("handled");
            assertThat(storedAuthors(client)).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @MethodSource("dev.rigel.jpa.support.TestDatabase#withTransports")
    void autocommitIncludeRedirectsAlsoCommitsA3xx(TestDatabase kind, Transport transport) {
        try (TestClient client = Clients.open(app(kind, TransactionMode.AUTOCOMMIT_INCLUDE_REDIRECTS), transport)) {
            assertThat(client.post("/authors/then/redirect?name=moved", Map.of())
                            .status())
                    .isEqualTo(303);
            assertThat(storedAuthors(client)).isEqualTo(1);
            assertThat(client.post("/authors/then/ok?name=kept", Map.of()).status())
                    .isEqualTo(201);
            assertThat(storedAuthors(client)).isEqualTo(2);

            assertThat(client.post("/authors/then/reject?name=x", Map.of()).status())
                    .isEqualTo(422);
            assertThat(client.post("/authors/then/throw?name=x", Map.of()).status())
                    .isEqualTo(500);
            assertThat(client.post("/authors/then/handled?name=x", Map.of()).status())
                    .isEqualTo(200);
            assertThat(storedAuthors(client)).isEqualTo(2);
        }
    }

    @ParameterizedTest
    @MethodSource("dev.rigel.jpa.support.TestDatabase#withTransports")
    void manualModeRollsBackWhatTheHandlerDidNotCommit(TestDatabase kind, Transport transport) {
        try (TestClient client = Clients.open(app(kind, TransactionMode.MANUAL), transport)) {
            assertThat(client.post("/authors/then/ok?name=forgotten", Map.of()).status())
                    .isEqualTo(201);
            assertThat(storedAuthors(client)).isZero();

            TestResponse committed = client.post("/authors/then/commit?name=kept", Map.of());
            assertThat(committed.status()).isEqualTo(201);
            assertThat(committed.text()).isEqualTo("committed");
            assertThat(storedAuthors(client)).isEqualTo(1);
        }
    }

    // ---- read-only sessions for safe methods ----

    @ParameterizedTest
    @MethodSource("dev.rigel.jpa.support.TestDatabase#withTransports")
    void safeMethodsGetReadOnlySessionsThatStillWriteWhatTheyPersist(TestDatabase kind, Transport transport) {
        try (TestClient client = Clients.open(app(kind, TransactionMode.AUTOCOMMIT), transport)) {
            long id = ((Number) client.post("/authors?name=Ann&email=ann@example.com", Map.of())
                            .jsonMap()
                            .get("id"))
                    .longValue();
            TestResponse get = client.get("/authors/" + id + "/touch");
            assertThat(get.jsonMap()).containsEntry("readOnly", true).containsEntry("flushMode", "MANUAL");
            // it reads outside a transaction, in auto-commit: no COMMIT round trip at its end
            assertThat(get.jsonMap()).containsEntry("inTransaction", false).containsEntry("autoCommit", true);
            // the loaded author's change is not written; the persisted author is
            assertThat(client.get("/authors/" + id + "/email").text()).isEqualTo("ann@example.com");
            assertThat(storedAuthors(client)).isEqualTo(2);
            // unless the handler marks it modifiable
            assertThat(client.get("/authors/" + id + "/touch-modifiable").text())
                    .isEqualTo("ok");
            assertThat(client.get("/authors/" + id + "/email").text()).isEqualTo("marked@example.com");

            // a failed GET writes nothing of what it persisted or changed
            assertThat(client.get("/authors/" + id + "/touch-then-fail").status())
                    .isEqualTo(409);
            assertThat(client.get("/authors/" + id + "/email").text()).isEqualTo("marked@example.com");
            assertThat(storedAuthors(client)).isEqualTo(2);

            TestResponse post = client.post("/authors/" + id + "/touch", Map.of());
            assertThat(post.jsonMap()).containsEntry("readOnly", false).containsEntry("flushMode", "AUTO");
            assertThat(post.jsonMap()).containsEntry("inTransaction", true).containsEntry("autoCommit", false);
            assertThat(client.get("/authors/" + id + "/email").text()).isEqualTo("changed@example.com");
            assertThat(storedAuthors(client)).isEqualTo(3);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aReadOnlySessionThatOnlyReadEndsWithoutHibernatesDirtyCheck(TestDatabase kind) {
        JpaPlugin plugin = plugin(kind, TransactionMode.AUTOCOMMIT, config -> {});
        App app = app(plugin);
        try (TestClient client = TestClient.of(app)) {
            long id = ((Number) client.post("/authors?name=Ann&email=ann@example.com", Map.of())
                            .jsonMap()
                            .get("id"))
                    .longValue();
            java.util.concurrent.atomic.AtomicInteger dirtyChecks = new java.util.concurrent.atomic.AtomicInteger();
            plugin.engine(app)
                    .unwrap(org.hibernate.engine.spi.SessionFactoryImplementor.class)
                    .getEventListenerRegistry()
                    .appendListeners(
                            org.hibernate.event.spi.EventType.DIRTY_CHECK, event -> dirtyChecks.incrementAndGet());
            java.util.concurrent.atomic.AtomicInteger flushes = new java.util.concurrent.atomic.AtomicInteger();
            plugin.engine(app)
                    .unwrap(org.hibernate.engine.spi.SessionFactoryImplementor.class)
                    .getEventListenerRegistry()
                    .appendListeners(org.hibernate.event.spi.EventType.FLUSH, event -> flushes.incrementAndGet());

            assertThat(client.get("/authors/" + id + "/email").text()).isEqualTo("ann@example.com");
            // it read an entity and changed nothing: no dirty check, no flush
            assertThat(dirtyChecks).hasValue(0);
            assertThat(flushes).hasValue(0);

            // one that made an entity modifiable and changed it is flushed once, and written
            assertThat(client.get("/authors/" + id + "/touch-modifiable").text())
                    .isEqualTo("ok");
            assertThat(dirtyChecks).hasValue(0);
            assertThat(flushes).hasValue(1);
            assertThat(client.get("/authors/" + id + "/email").text()).isEqualTo("marked@example.com");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aReadOnlySessionKeepsTheConnectionItTookUntilItsEnd(TestDatabase kind) {
        try (TestClient client = TestClient.of(app(plugin(kind, TransactionMode.AUTOCOMMIT, config -> {})))) {
            long id = ((Number) client.post("/authors?name=Ann&email=ann@example.com", Map.of())
                            .jsonMap()
                            .get("id"))
                    .longValue();
            // outside a transaction Hibernate would give it back after each read, and take one again
            assertThat(client.get("/authors/" + id + "/lent-between-reads").text())
                    .isEqualTo("1");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void readOnlySafeMethodsCanBeTurnedOff(TestDatabase kind) {
        JpaPlugin plugin = plugin(kind, TransactionMode.AUTOCOMMIT, config -> config.readOnlySafeMethods(false));
        try (TestClient client = TestClient.of(app(plugin))) {
            long id = ((Number) client.post("/authors?name=Ann&email=ann@example.com", Map.of())
                            .jsonMap()
                            .get("id"))
                    .longValue();
            assertThat(client.get("/authors/" + id + "/touch").jsonMap()).containsEntry("readOnly", false);
            assertThat(client.get("/authors/" + id + "/email").text()).isEqualTo("changed@example.com");
        }
    }

    // ---- errors ----

    @ParameterizedTest
    @MethodSource("dev.rigel.jpa.support.TestDatabase#withTransports")
    void aUniqueViolationIsA409NamingTheConstraint(TestDatabase kind, Transport transport) {
        try (TestClient client = Clients.open(app(kind, TransactionMode.AUTOCOMMIT), transport)) {
            assertThat(client.post("/authors?name=Ann&email=ann@example.com", Map.of())
                            .status())
                    .isEqualTo(201);

            TestResponse duplicate = client.post("/authors?name=Other&email=ann@example.com", Map.of());
            assertThat(duplicate.status()).isEqualTo(409);
            assertThat(duplicate.jsonMap())
                    .isEqualTo(Map.of(
                            "status_code",
                            409,
                            "detail",
                            "Unique constraint uk_authors_email violated: a row with the same value already exists",
                            "extra",
                            Map.of("constraint", "uk_authors_email", "kind", "unique")));
            assertThat(storedAuthors(client)).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @MethodSource("dev.rigel.jpa.support.TestDatabase#withTransports")
    void aUniqueViolationAtCommitReplacesTheBuiltResponseWithA409(TestDatabase kind, Transport transport) {
        try (TestClient client = Clients.open(app(kind, TransactionMode.AUTOCOMMIT), transport)) {
            client.post("/authors?name=Ann&email=ann@example.com", Map.of());
            long bob = ((Number) client.post("/authors?name=Bob&email=bob@example.com", Map.of())
                            .jsonMap()
                            .get("id"))
                    .longValue();

            TestResponse taken = client.put("/authors/" + bob + "/email?email=ann@example.com", Map.of());
            assertThat(taken.status()).isEqualTo(409);
            assertThat(taken.jsonMap())
                    .containsEntry("extra", Map.of("constraint", "uk_authors_email", "kind", "unique"));

            assertThat(client.put("/authors/" + bob + "/email?email=bob@example.org", Map.of())
                            .status())
                    .isEqualTo(200);
        }
    }

    @ParameterizedTest
    @MethodSource("dev.rigel.jpa.support.TestDatabase#withTransports")
    void foreignKeyViolationsAre409BothWays(TestDatabase kind, Transport transport) {
        try (TestClient client = Clients.open(app(kind, TransactionMode.AUTOCOMMIT), transport)) {
            TestResponse orphan = client.post("/books?title=Lost&authorId=999", Map.of());
            assertThat(orphan.status()).isEqualTo(409);
            assertThat(orphan.jsonMap())
                    .containsEntry(
                            "detail",
                            "Foreign key constraint fk_books_author violated:"
                                    + " the referenced row does not exist, or this row is still referenced");
            assertThat(orphan.jsonMap())
                    .containsEntry("extra", Map.of("constraint", "fk_books_author", "kind", "foreign_key"));

            long author = ((Number)
                            client.post("/authors?name=Ann", Map.of()).jsonMap().get("id"))
                    .longValue();
            assertThat(client.post("/books?title=Kept&authorId=" + author, Map.of())
                            .status())
                    .isEqualTo(201);
            TestResponse stillReferenced = client.delete("/authors/" + author);
            assertThat(stillReferenced.status()).isEqualTo(409);
            assertThat(stillReferenced.jsonMap())
                    .containsEntry("extra", Map.of("constraint", "fk_books_author", "kind", "foreign_key"));
            assertThat(storedAuthors(client)).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @MethodSource("dev.rigel.jpa.support.TestDatabase#withTransports")
    void aMissingRowIsA404NamingEntityAndId(TestDatabase kind, Transport transport) {
        try (TestClient client = Clients.open(app(kind, TransactionMode.AUTOCOMMIT), transport)) {
            TestResponse missing = client.get("/authors/42");
            assertThat(missing.status()).isEqualTo(404);
            assertThat(missing.jsonMap()).isEqualTo(Map.of("status_code", 404, "detail", "Author 42 not found"));
            assertThat(client.delete("/authors/42").status()).isEqualTo(404);

            long id = ((Number)
                            client.post("/authors?name=Ann", Map.of()).jsonMap().get("id"))
                    .longValue();
            assertThat(client.get("/authors/" + id).jsonMap()).isEqualTo(Map.of("id", (int) id, "name", "Ann"));
            assertThat(client.delete("/authors/" + id).status()).isEqualTo(204);
            assertThat(client.get("/authors/" + id).status()).isEqualTo(404);
        }
    }

    @ParameterizedTest
    @MethodSource("dev.rigel.jpa.support.TestDatabase#withTransports")
    void withoutTranslationDatabaseErrorsStay500(TestDatabase kind, Transport transport) {
        App app = app(plugin(kind, TransactionMode.AUTOCOMMIT, config -> config.translateErrors(false)));
        try (TestClient client = Clients.open(app, transport)) {
            client.post("/authors?name=Ann&email=ann@example.com", Map.of());
            assertThat(client.post("/authors?name=Ann&email=ann@example.com", Map.of())
                            .status())
                    .isEqualTo(500);
        }
    }

    static Object badSql(EntityManager dbSession) {
        return dbSession.createNativeQuery("SELEC 1").getResultList();
    }

    @ParameterizedTest
    @MethodSource("dev.rigel.jpa.support.TestDatabase#withTransports")
    void databaseErrorsWithoutATranslationReachTheAppsOwnHandlers(TestDatabase kind, Transport transport) {
        App app = App.builder()
                .plugins(plugin(kind, TransactionMode.AUTOCOMMIT, config -> {}))
                .exceptionHandler(
                        500,
                        (request, e) -> Response.of(Map.of("oops", e.getClass().getSimpleName()))
                                .status(500))
                .routeHandlers(
                        Route.get("/bad-sql", JpaPluginTest::badSql), Route.post("/authors", JpaPluginTest::create))
                .build();
        try (TestClient client = Clients.open(app, transport)) {
            TestResponse failed = client.get("/bad-sql");
            assertThat(failed.status()).isEqualTo(500);
            assertThat(failed.jsonMap()).isEqualTo(Map.of("oops", "SQLGrammarException"));
            // what the plugin translates is still translated
            client.post("/authors?name=Ann&email=ann@example.com", Map.of());
            assertThat(client.post("/authors?name=Ann&email=ann@example.com", Map.of())
                            .status())
                    .isEqualTo(409);
        }
    }

    // ---- the pool ----

    @ParameterizedTest
    @MethodSource("dev.rigel.jpa.support.TestDatabase#withTransports")
    void anExhaustedPoolAnswers503AfterTheConnectionTimeoutAndSessionsTakeNoConnectionUntilUsed(
            TestDatabase kind, Transport transport) throws Exception {
        JpaPlugin plugin = plugin(
                kind,
                TransactionMode.AUTOCOMMIT,
                config -> config.maxPoolSize(1).connectionTimeout(Duration.ofMillis(300)));
        App app = app(plugin);
        try (TestClient client = Clients.open(app, transport)) {
            assertThat(storedAuthors(client)).isZero();
            try (Connection held = plugin.dataSource(app).getConnection()) {
                long started = System.nanoTime();
                TestResponse exhausted = client.get("/authors/count");
                long tookMillis = (System.nanoTime() - started) / 1_000_000;
                assertThat(exhausted.status()).isEqualTo(503);
                assertThat(exhausted.jsonMap())
                        .containsEntry(
                                "detail",
                                "No database connection became free in time: the connection pool is exhausted; try again shortly");
                assertThat(tookMillis).isBetween(250L, 3_000L);

                // a session that runs no statement, and a route without one, need no connection
                assertThat(client.get("/unused").text()).isEqualTo("open");
                assertThat(client.get("/plain").text()).isEqualTo("plain");
                assertThat(held.isClosed()).isFalse();
            }
            assertThat(storedAuthors(client)).isZero();
        }
    }

    @ParameterizedTest
    @MethodSource("dev.rigel.jpa.support.TestDatabase#withTransports")
    void aSessionOpensOnItsFirstUseSoAHandlerThatNeverQueriesOpensNone(TestDatabase kind, Transport transport) {
        JpaPlugin plugin = plugin(
                kind, TransactionMode.AUTOCOMMIT, config -> config.property("hibernate.generate_statistics", true));
        App app = app(plugin);
        try (TestClient client = Clients.open(app, transport)) {
            org.hibernate.stat.Statistics statistics = plugin.engine(app)
                    .unwrap(org.hibernate.engine.spi.SessionFactoryImplementor.class)
                    .getStatistics();
            statistics.clear();

            // a read and a write that ask for the session but only build a repository: nothing opens
            assertThat(client.get("/metamodel-only").text()).isEqualTo("Author");
            assertThat(client.post("/metamodel-only", Map.of()).text()).isEqualTo("Author");
            assertThat(client.get("/unused").text()).isEqualTo("open");
            assertThat(statistics.getSessionOpenCount()).isZero();
            assertThat(statistics.getTransactionCount()).isZero();

            // the first query opens it, once, and the request's end closes it
            assertThat(storedAuthors(client)).isZero();
            assertThat(statistics.getSessionOpenCount()).isEqualTo(1);
            assertThat(statistics.getSessionCloseCount()).isEqualTo(1);
            // a write opens it inside a transaction, committed at the end
            assertThat(client.post("/authors?name=Ann&email=ann@example.com", Map.of())
                            .status())
                    .isEqualTo(201);
            assertThat(statistics.getSessionOpenCount()).isEqualTo(2);
            assertThat(statistics.getSuccessfulTransactionCount()).isEqualTo(1);
            assertThat(storedAuthors(client)).isEqualTo(1);
        }
    }

    // ---- lifecycle, keys, state ----

    @ParameterizedTest
    @MethodSource("dev.rigel.jpa.support.TestDatabase#withTransports")
    void theEngineIsADependencyAndInAppStateWhileTheAppRuns(TestDatabase kind, Transport transport) {
        JpaPlugin plugin = plugin(kind, TransactionMode.MANUAL, config -> {});
        App app = app(plugin);
        EntityManagerFactory engine;
        try (TestClient client = Clients.open(app, transport)) {
            assertThat(client.get("/engine").jsonMap()).isEqualTo(Map.of("open", true, "entities", 3));
            engine = app.state().get("dbEngine", EntityManagerFactory.class);
            assertThat(plugin.engine(app)).isSameAs(engine);
            assertThat(app.plugins().get(JpaPlugin.class)).isSameAs(plugin);
        }
        assertThat(engine.isOpen()).isFalse();
        assertThat(app.state().contains("dbEngine")).isFalse();
    }

    static String custom(EntityManager db, EntityManagerFactory factory) {
        return db.isOpen() + " " + factory.isOpen();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void keysAreConfigurable(Transport transport) {
        JpaPlugin plugin = plugin(
                TestDatabase.H2,
                TransactionMode.MANUAL,
                config -> config.sessionKey("db").engineKey("factory").engineStateKey("orm"));
        App app = App.builder()
                .plugins(plugin)
                .routeHandlers(Route.get("/custom", JpaPluginTest::custom))
                .build();
        try (TestClient client = Clients.open(app, transport)) {
            assertThat(client.get("/custom").text()).isEqualTo("true true");
            assertThat(app.state().get("orm", EntityManagerFactory.class).isOpen())
                    .isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void theEmbeddedDefaultIsAFreshH2DatabasePerStart(Transport transport) {
        JpaPlugin plugin = new JpaPlugin(JpaConfig.builder()
                .environment(Map.of())
                .entities(Author.class, Book.class, Tag.class)
                .schemaAction(SchemaAction.CREATE_ALL)
                .transactionMode(TransactionMode.AUTOCOMMIT)
                .build());
        assertThat(plugin.config().dataSource().embedded()).isTrue();
        App first = app(plugin);
        App second = app(plugin);
        try (TestClient one = Clients.open(first, transport);
                TestClient two = Clients.open(second, Transport.IN_PROCESS)) {
            assertThat(one.post("/authors?name=Ann", Map.of()).status()).isEqualTo(201);
            assertThat(storedAuthors(one)).isEqualTo(1);
            assertThat(storedAuthors(two)).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void startupFailsClearlyWhenTheSchemaDoesNotValidate(TestDatabase kind) {
        JpaPlugin plugin = plugin(kind, TransactionMode.MANUAL, config -> config.schemaAction(SchemaAction.VALIDATE));
        App app = app(plugin);
        assertThatThrownBy(app::startup)
                .hasMessageContainingAll("JpaPlugin could not start Hibernate", "missing table", "authors");
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void createAllKeepsTheRowsOfAnEarlierStart(TestDatabase kind) {
        JpaPlugin plugin =
                plugin(kind, TransactionMode.AUTOCOMMIT, config -> config.schemaAction(SchemaAction.CREATE_ALL));
        for (long expected : List.of(1L, 2L)) {
            App app = app(plugin);
            try (TestClient client = Clients.open(app, Transport.IN_PROCESS)) {
                client.post("/authors?name=Ann", Map.of());
                assertThat(storedAuthors(client)).isEqualTo(expected);
            }
        }
    }
}
