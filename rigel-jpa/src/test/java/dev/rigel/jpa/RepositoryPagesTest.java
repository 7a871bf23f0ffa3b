package dev.rigel.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigel.App;
import dev.rigel.Route;
import dev.rigel.annotation.Param;
import dev.rigel.di.Provide;
import dev.rigel.dto.DTOConfig;
import dev.rigel.exceptions.ClientException;
import dev.rigel.jdbc.TransactionMode;
import dev.rigel.jpa.support.TestDatabase;
import dev.rigel.jpa.testmodel.Author;
import dev.rigel.jpa.testmodel.Book;
import dev.rigel.jpa.testmodel.Tag;
import dev.rigel.pagination.ClassicPagination;
import dev.rigel.pagination.CursorPagination;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.TestResponse;
import dev.rigel.testing.support.Clients;
import dev.rigel.testing.support.Transport;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link Repository#listPage} and {@link Repository#listAfter} on H2 and PostgreSQL, directly and over HTTP. */
class RepositoryPagesTest {

    private TestDatabase.Scratch database;
    private TestClient client;
    private EntityManager session;

    @AfterEach
    void close() {
        if (session != null) {
            if (session.getTransaction().isActive()) {
                session.getTransaction().rollback();
            }
            session.close();
        }
        if (client != null) {
            client.close();
        }
        if (database != null) {
            database.close();
        }
    }

    static ClassicPagination<Author> pages(
            Repository<Author, Long> authors,
            @Param(defaultValue = "1") int page,
            @Param(query = "page_size", defaultValue = "2") int pageSize) {
        return authors.listPage(pageSize, page, Filter.asc("born"));
    }

    static CursorPagination<Long, Author> after(
            Repository<Author, Long> authors,
            @Param(required = false) Long cursor,
            @Param(defaultValue = "2") int count) {
        return authors.listAfter("id", cursor, count, Filter.gt("born", 1950));
    }

    App app(TestDatabase kind) {
        database = kind.create();
        return App.builder()
                .plugins(new JpaPlugin(JpaConfig.builder()
                        .url(database.url())
                        .entities(Author.class, Book.class, Tag.class)
                        .schemaAction(SchemaAction.DROP_AND_CREATE)
                        .transactionMode(TransactionMode.AUTOCOMMIT)
                        .maxPoolSize(2)
                        .build()))
                .dependency("authors", Provide.of(RepositoryTest::authors))
                .returnDto(JpaDTO.of(
                        Author.class, DTOConfig.builder().include("id", "name").build()))
                .routeHandlers(
                        Route.get("/authors/pages", RepositoryPagesTest::pages),
                        Route.get("/authors/after", RepositoryPagesTest::after))
                .build();
    }

    /** Five authors born 1950, 1960, …, 1990 (inserted out of order), and three tags. */
    Repository<Author, Long> seeded(TestDatabase kind, Transport transport) {
        App app = app(kind);
        client = Clients.open(app, transport);
        session = app.plugins().get(JpaPlugin.class).engine(app).createEntityManager();
        session.getTransaction().begin();
        Repository<Author, Long> authors = Repository.of(session, Author.class);
        authors.addAll(List.of(
                new Author("Eve", "eve@example.com", 1990),
                new Author("Ann", "ann@example.com", 1950),
                new Author("Dan", "dan@example.com", 1980),
                new Author("Bob", null, 1960),
                new Author("Cid", "cid@example.com", 1970)));
        Repository.<Tag, String>of(session, Tag.class)
                .addAll(List.of(new Tag("b", "Beta"), new Tag("c", "Gamma"), new Tag("a", "Alpha")));
        session.getTransaction().commit();
        session.getTransaction().begin();
        return authors;
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void numberedPagesCountTheMatchingRows(TestDatabase kind) {
        Repository<Author, Long> authors = seeded(kind, Transport.IN_PROCESS);
        ClassicPagination<Author> second = authors.listPage(2, 2, Filter.asc("born"));
        assertThat(RepositoryTest.names(second.items())).containsExactly("Cid", "Dan");
        assertThat(second.totalPages()).isEqualTo(3);
        assertThat(second.currentPage()).isEqualTo(2);
        assertThat(second.pageSize()).isEqualTo(2);
        assertThat(RepositoryTest.names(
                        authors.listPage(2, 3, Filter.asc("born")).items()))
                .containsExactly("Eve");
        assertThat(authors.listPage(2, 9, Filter.asc("born")).items()).isEmpty();
        ClassicPagination<Author> filtered = authors.listPage(10, 1, Filter.notNull("email"), Filter.asc("name"));
        assertThat(RepositoryTest.names(filtered.items())).containsExactly("Ann", "Cid", "Dan", "Eve");
        assertThat(filtered.totalPages()).isEqualTo(1);
        assertThat(authors.listPage(3, 1, Filter.eq("name", "Nobody")).totalPages())
                .isZero();

        assertThatThrownBy(() -> authors.listPage(0, 1)).isInstanceOf(ClientException.class);
        assertThatThrownBy(() -> authors.listPage(2, 0)).isInstanceOf(ClientException.class);
        assertThatThrownBy(() -> authors.listPage(2, 1, Filter.limitOffset(1, 0)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void cursorsWalkTheKeyOrderToANullCursor(TestDatabase kind) {
        Repository<Author, Long> authors = seeded(kind, Transport.IN_PROCESS);
        List<String> seen = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        Long cursor = null;
        int batches = 0;
        do {
            CursorPagination<Long, Author> batch = authors.listAfter("id", cursor, 2);
            assertThat(batch.resultsPerPage()).isEqualTo(2);
            batch.items().forEach(author -> {
                seen.add(author.getName());
                ids.add(author.getId());
            });
            cursor = batch.cursor();
            batches++;
        } while (cursor != null);
        // insertion order is id order
        assertThat(seen).containsExactly("Eve", "Ann", "Dan", "Bob", "Cid");
        assertThat(ids).isSorted();
        assertThat(batches).isEqualTo(3);

        CursorPagination<Long, Author> exact = authors.listAfter("id", null, 5);
        assertThat(exact.items()).hasSize(5);
        assertThat(exact.cursor()).as("nothing follows a full last batch").isNull();

        Repository<Tag, String> tags = Repository.of(session, Tag.class);
        CursorPagination<String, Tag> firstTags = tags.listAfter("code", null, 2);
        assertThat(firstTags.items().stream().map(Tag::getLabel)).containsExactly("Alpha", "Beta");
        assertThat(firstTags.cursor()).isEqualTo("b");
        assertThat(tags.listAfter("code", "b", 2).items().stream().map(Tag::getLabel))
                .containsExactly("Gamma");
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void onlyAUniqueNonNullKeyCanKeyACursor(TestDatabase kind) {
        Repository<Author, Long> authors = seeded(kind, Transport.IN_PROCESS);
        assertThatThrownBy(() -> authors.listAfter("name", null, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Author.name cannot key a cursor: it is not unique");
        assertThatThrownBy(() -> authors.listAfter("email", null, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Author.email cannot key a cursor: it may be null");
        assertThatThrownBy(() -> authors.listAfter("shoeSize", null, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no attribute 'shoeSize'");
        assertThatThrownBy(() -> authors.listAfter("id", "7", 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be a Long, got String");
        assertThatThrownBy(() -> authors.listAfter("id", null, 2, Filter.asc("name")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> authors.listAfter("id", null, 0)).isInstanceOf(ClientException.class);
    }

    @ParameterizedTest
    @MethodSource("dev.rigel.jpa.support.TestDatabase#withTransports")
    void pagesTravelOverHttpThroughTheReturnDto(TestDatabase kind, Transport transport) {
        seeded(kind, transport);
        TestResponse page = client.get("/authors/pages?page=2&page_size=2");
        assertThat(page.status()).isEqualTo(200);
        Map<String, Object> body = page.jsonMap();
        assertThat(body)
                .containsEntry("pageSize", 2)
                .containsEntry("currentPage", 2)
                .containsEntry("totalPages", 3);
        assertThat(page.json().get("items").findValuesAsText("name")).containsExactly("Cid", "Dan");
        assertThat(page.text()).doesNotContain("email", "born");

        List<String> names = new ArrayList<>();
        String query = "";
        do {
            TestResponse batch = client.get("/authors/after" + query);
            assertThat(batch.status()).isEqualTo(200);
            assertThat(batch.text()).doesNotContain("email");
            names.addAll(batch.json().get("items").findValuesAsText("name"));
            Object cursor = batch.jsonMap().get("cursor");
            query = cursor == null ? null : "?cursor=" + cursor;
        } while (query != null);
        assertThat(names).containsExactly("Eve", "Dan", "Bob", "Cid");

        assertThat(client.get("/authors/pages?page=0").status()).isEqualTo(400);
        assertThat(client.get("/authors/after?count=0").status()).isEqualTo(400);
        assertThat(client.get("/authors/after?cursor=abc").status()).isEqualTo(400);
    }
}
