package dev.rigel.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rigel.App;
import dev.rigel.Route;
import dev.rigel.di.Provide;
import dev.rigel.dto.DTOConfig;
import dev.rigel.dto.DTOData;
import dev.rigel.exceptions.ImproperlyConfiguredException;
import dev.rigel.jdbc.TransactionMode;
import dev.rigel.jpa.support.TestDatabase;
import dev.rigel.jpa.testmodel.Author;
import dev.rigel.jpa.testmodel.Book;
import dev.rigel.jpa.testmodel.Tag;
import dev.rigel.pagination.OffsetPagination;
import dev.rigel.testing.TestResponse;
import dev.rigel.testing.support.Clients;
import dev.rigel.testing.support.Transport;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link JpaDTO} over entities on H2 and PostgreSQL: read-only generated ids, nested associations, no lazy loading. */
class JpaDTOTest extends ScratchDatabaseTest {

    /** Everything but the email; the generated id is sent, never taken. */
    public static class AuthorDTO extends JpaDTO<Author> {
        public AuthorDTO() {
            super(DTOConfig.builder().exclude("email").build());
        }
    }

    static final JpaDTO<Book> BOOK_WITH_AUTHOR =
            JpaDTO.of(Book.class, DTOConfig.builder().exclude("author.email").build());

    static Author createAuthor(DTOData<Author> data, Repository<Author, Long> authors) {
        // the email is the server's to set: the DTO hides it, an override fills it
        return authors.add(data.create(Map.of("email", data.asMap().get("name") + "@example.com")));
    }

    static Tag createTag(Tag data, EntityManager dbSession) {
        dbSession.persist(data);
        return data;
    }

    static OffsetPagination<Author> listAuthors(Repository<Author, Long> authors) {
        return authors.listAndCount(Filter.asc("name"), Filter.limitOffset(2, 0));
    }

    static Book addBook(String title, long authorId, EntityManager dbSession) {
        Book book = new Book(title, dbSession.getReference(Author.class, authorId));
        dbSession.persist(book);
        return book;
    }

    /** The book alone: its author stays an unloaded proxy. */
    static Book findBook(long id, EntityManager dbSession) {
        dbSession.clear();
        return dbSession.find(Book.class, id);
    }

    /** The book with its author fetched in the same query. */
    static Book fetchBook(long id, EntityManager dbSession) {
        dbSession.clear();
        return dbSession
                .createQuery("select b from Book b join fetch b.author where b.id = :id", Book.class)
                .setParameter("id", id)
                .getSingleResult();
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
                .dependency("authors", Provide.of((EntityManager dbSession) -> Repository.of(dbSession, Author.class)))
                .routeHandlers(
                        Route.post("/authors", JpaDTOTest::createAuthor).dto(AuthorDTO.class),
                        Route.get("/authors", JpaDTOTest::listAuthors).returnDto(AuthorDTO.class),
                        Route.post("/tags", JpaDTOTest::createTag).dto(JpaDTO.of(Tag.class, DTOConfig.defaults())),
                        Route.post("/books", JpaDTOTest::addBook).returnDto(BOOK_WITH_AUTHOR),
                        Route.get("/books/{id:int}", JpaDTOTest::findBook).returnDto(BOOK_WITH_AUTHOR),
                        Route.get("/books/{id:int}/full", JpaDTOTest::fetchBook).returnDto(BOOK_WITH_AUTHOR))
                .build();
    }

    @ParameterizedTest
    @MethodSource("dev.rigel.jpa.support.TestDatabase#withTransports")
    void generatedIdsAreReadOnlyAndAssignedIdsWritable(TestDatabase kind, Transport transport) {
        client = Clients.open(app(kind), transport);
        TestResponse created =
                client.post("/authors", Map.of("id", 999, "name", "Ann", "born", 1950, "email", "ignored@example.com"));
        assertThat(created.status()).isEqualTo(201);
        Map<String, Object> body = created.jsonMap();
        assertThat(body)
                .containsOnlyKeys("id", "name", "born")
                .containsEntry("name", "Ann")
                .containsEntry("born", 1950);
        assertThat(body.get("id")).isNotEqualTo(999);

        TestResponse tag = client.post("/tags", Map.of("code", "sf", "label", "Science fiction"));
        assertThat(tag.status()).isEqualTo(201);
        assertThat(tag.jsonMap()).isEqualTo(Map.of("code", "sf", "label", "Science fiction"));
    }

    @ParameterizedTest
    @MethodSource("dev.rigel.jpa.support.TestDatabase#withTransports")
    void pagesOfEntitiesGoThroughTheDTO(TestDatabase kind, Transport transport) {
        client = Clients.open(app(kind), transport);
        for (String name : List.of("Cid", "Ann", "Bob")) {
            assertThat(client.post("/authors", Map.of("name", name)).status()).isEqualTo(201);
        }
        TestResponse page = client.get("/authors");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.jsonMap())
                .containsEntry("limit", 2)
                .containsEntry("offset", 0)
                .containsEntry("total", 3);
        assertThat(page.json().get("items").findValuesAsText("name")).containsExactly("Ann", "Bob");
        assertThat(page.json().get("items").get(0).has("email")).isFalse();
    }

    @ParameterizedTest
    @MethodSource("dev.rigel.jpa.support.TestDatabase#withTransports")
    void associationsNestOnlyWhenLoaded(TestDatabase kind, Transport transport) {
        client = Clients.open(app(kind), transport);
        Object authorId = client.post("/authors", Map.of("name", "Ann", "born", 1950))
                .jsonMap()
                .get("id");
        TestResponse added = client.post("/books?title=Dune&authorId=" + authorId, null);
        assertThat(added.status()).isEqualTo(201);
        Object bookId = added.jsonMap().get("id");

        TestResponse fetched = client.get("/books/" + bookId + "/full");
        assertThat(fetched.status()).isEqualTo(200);
        assertThat(fetched.jsonMap())
                .isEqualTo(Map.of(
                        "id", bookId, "title", "Dune", "author", Map.of("id", authorId, "name", "Ann", "born", 1950)));

        // find() leaves the LAZY author a proxy: the DTO writes null rather than loading it
        TestResponse alone = client.get("/books/" + bookId);
        assertThat(alone.status()).isEqualTo(200);
        Map<String, Object> book = alone.jsonMap();
        assertThat(book).containsEntry("title", "Dune").containsKey("author");
        assertThat(book.get("author")).isNull();
    }

    @Test
    void associationsPastTheDepthAreLeftOut() {
        var description = JpaDTO.of(
                        Book.class, DTOConfig.builder().maxNestedDepth(0).build())
                .compile(new ObjectMapper())
                .describe(dev.rigel.dto.DTODescription.Direction.OUTBOUND);
        assertThat(description.toString()).contains("title").doesNotContain("author");
    }

    @Test
    void onlyMappedClassesCanBeTheModel() {
        assertThatThrownBy(() -> JpaDTO.of(String.class, DTOConfig.defaults()).compile(new ObjectMapper()))
                .isInstanceOf(ImproperlyConfiguredException.class)
                .hasMessageContaining("java.lang.String is not a JPA entity or embeddable");
    }
}
