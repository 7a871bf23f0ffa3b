package dev.rigel.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigel.App;
import dev.rigel.Route;
import dev.rigel.di.Provide;
import dev.rigel.exceptions.ClientException;
import dev.rigel.exceptions.NotFoundException;
import dev.rigel.jdbc.TransactionMode;
import dev.rigel.jpa.support.TestDatabase;
import dev.rigel.jpa.testmodel.Author;
import dev.rigel.jpa.testmodel.Book;
import dev.rigel.jpa.testmodel.Tag;
import dev.rigel.pagination.OffsetPagination;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.TestResponse;
import dev.rigel.testing.support.Clients;
import dev.rigel.testing.support.Transport;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link Repository} on H2 and PostgreSQL: reads, filtered and paged listings, writes, and their errors. */
class RepositoryTest {

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

    record AuthorView(long id, String name, Integer born) {
        static AuthorView of(Author author) {
            return new AuthorView(author.getId(), author.getName(), author.getBorn());
        }
    }

    static OffsetPagination<AuthorView> listAuthors(
            Repository<Author, Long> authors,
            Optional<Integer> bornAfter,
            Optional<String> order,
            int limit,
            int offset) {
        List<Filter> filters = new ArrayList<>();
        bornAfter.ifPresent(year -> filters.add(Filter.gt("born", year)));
        order.ifPresent(
                field -> filters.add(field.startsWith("-") ? Filter.desc(field.substring(1)) : Filter.asc(field)));
        filters.add(Filter.asc("id"));
        filters.add(Filter.limitOffset(limit, offset));
        OffsetPagination<Author> page = authors.listAndCount(filters.toArray(Filter[]::new));
        return new OffsetPagination<>(
                page.items().stream().map(AuthorView::of).toList(), page.limit(), page.offset(), page.total());
    }

    static Repository<Author, Long> authors(EntityManager dbSession) {
        return Repository.of(dbSession, Author.class);
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
                .routeHandlers(Route.get("/authors", RepositoryTest::listAuthors))
                .build();
    }

    /** Five authors born 1950, 1960, …, 1990, stored through a session of the running app. */
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
        session.getTransaction().commit();
        session.getTransaction().begin();
        return authors;
    }

    static List<String> names(List<Author> authors) {
        return authors.stream().map(Author::getName).toList();
    }

    @ParameterizedTest
    @MethodSource("dev.rigel.jpa.support.TestDatabase#withTransports")
    void aPagedListingOverHttpCarriesItsPosition(TestDatabase kind, Transport transport) {
        seeded(kind, transport);
        TestResponse page = client.get("/authors?bornAfter=1955&order=-born&limit=2&offset=1");
        assertThat(page.status()).isEqualTo(200);
        Map<String, Object> body = page.jsonMap();
        assertThat(body).containsEntry("limit", 2).containsEntry("offset", 1).containsEntry("total", 4);
        assertThat(page.json().get("items").findValuesAsText("name")).containsExactly("Dan", "Cid");

        TestResponse unknown = client.get("/authors?order=shoeSize&limit=2&offset=0");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.jsonMap())
                .containsEntry("detail", "Cannot filter or sort Author by 'shoeSize': it has no such field");
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void filtersSelectAndOrderSorts(TestDatabase kind) {
        Repository<Author, Long> authors = seeded(kind, Transport.IN_PROCESS);
        assertThat(names(authors.list(Filter.asc("name")))).containsExactly("Ann", "Bob", "Cid", "Dan", "Eve");
        assertThat(names(authors.list(Filter.desc("born")))).containsExactly("Eve", "Dan", "Cid", "Bob", "Ann");
        assertThat(names(authors.list(Filter.eq("name", "Cid")))).containsExactly("Cid");
        assertThat(names(authors.list(Filter.ne("name", "Cid"), Filter.asc("born"))))
                .containsExactly("Ann", "Bob", "Dan", "Eve");
        assertThat(names(authors.list(Filter.ge("born", 1970), Filter.lt("born", 1990), Filter.asc("born"))))
                .containsExactly("Cid", "Dan");
        assertThat(names(authors.list(Filter.le("born", 1960), Filter.asc("born"))))
                .containsExactly("Ann", "Bob");
        assertThat(names(authors.list(Filter.in("name", List.of("Ann", "Eve", "Zed")), Filter.asc("name"))))
                .containsExactly("Ann", "Eve");
        assertThat(names(authors.list(Filter.notIn("name", List.of("Ann", "Eve")), Filter.asc("name"))))
                .containsExactly("Bob", "Cid", "Dan");
        assertThat(authors.list(Filter.in("name", List.of()))).isEmpty();
        assertThat(authors.list(Filter.notIn("name", List.of()))).hasSize(5);
        assertThat(names(authors.list(Filter.isNull("email")))).containsExactly("Bob");
        assertThat(authors.list(Filter.notNull("email"))).hasSize(4);
        assertThat(names(authors.list(Filter.like("email", "%n@example.com"), Filter.asc("name"))))
                .containsExactly("Ann", "Dan");
        assertThat(names(authors.list(Filter.asc("born"), Filter.limitOffset(2, 3))))
                .containsExactly("Dan", "Eve");

        assertThat(authors.count()).isEqualTo(5);
        assertThat(authors.count(Filter.gt("born", 1960), Filter.desc("born"), Filter.limitOffset(1, 0)))
                .isEqualTo(3);

        OffsetPagination<Author> page =
                authors.listAndCount(Filter.gt("born", 1950), Filter.asc("born"), Filter.limitOffset(2, 2));
        assertThat(names(page.items())).containsExactly("Dan", "Eve");
        assertThat(page.limit()).isEqualTo(2);
        assertThat(page.offset()).isEqualTo(2);
        assertThat(page.total()).isEqualTo(4);

        OffsetPagination<Author> everything = authors.listAndCount(Filter.asc("name"));
        assertThat(everything.items()).hasSize(5);
        assertThat(everything.limit()).isEqualTo(5);
        assertThat(everything.total()).isEqualTo(5);

        assertThatThrownBy(() -> authors.list(Filter.eq("shoeSize", 42)))
                .isInstanceOf(ClientException.class)
                .hasMessage("Cannot filter or sort Author by 'shoeSize': it has no such field");
        assertThatThrownBy(() -> authors.list(Filter.limitOffset(1, 0), Filter.limitOffset(2, 0)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Filter.limitOffset(-1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void fieldsThatAreNotTheEntitysNeverReachTheQuery(TestDatabase kind) {
        Repository<Author, Long> authors = seeded(kind, Transport.IN_PROCESS);
        for (String hostile : List.of(
                "name = 'x' or 1 = 1 or e.name",
                "name) or (1 = 1",
                "name asc, e.id",
                "books.title", // a collection: no single value to compare
                "born.year", // a basic value has no fields
                "",
                "name.",
                ".name")) {
            assertThatThrownBy(() -> authors.list(Filter.asc(hostile)), hostile).isInstanceOf(RuntimeException.class);
            assertThatThrownBy(() -> authors.count(Filter.eq(hostile, "x")), hostile)
                    .isInstanceOf(RuntimeException.class);
        }
        assertThat(authors.count()).isEqualTo(5);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aListingIsTranslatedToSqlOncePerShapeNotPerRequest(TestDatabase kind) {
        Repository<Author, Long> authors = seeded(kind, Transport.IN_PROCESS);
        org.hibernate.stat.Statistics statistics = session.getEntityManagerFactory()
                .unwrap(org.hibernate.SessionFactory.class)
                .getStatistics();
        statistics.setStatisticsEnabled(true);
        statistics.clear();
        authors.list(Filter.gt("born", 1940), Filter.asc("name"), Filter.limitOffset(2, 0));
        long missesForTheShape = statistics.getQueryPlanCacheMissCount();
        long hitsBefore = statistics.getQueryPlanCacheHitCount();
        for (int year = 1950; year < 1990; year++) {
            authors.list(Filter.gt("born", year), Filter.asc("name"), Filter.limitOffset(2, year % 3));
        }
        // the same shape with forty other values: every one is found in the plan cache
        assertThat(missesForTheShape).isPositive();
        assertThat(statistics.getQueryPlanCacheMissCount()).isEqualTo(missesForTheShape);
        assertThat(statistics.getQueryPlanCacheHitCount() - hitsBefore).isGreaterThanOrEqualTo(40);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void dottedFieldsFollowAssociations(TestDatabase kind) {
        Repository<Author, Long> authors = seeded(kind, Transport.IN_PROCESS);
        Author ann = authors.list(Filter.eq("name", "Ann")).getFirst();
        Author bob = authors.list(Filter.eq("name", "Bob")).getFirst();
        Repository<Book, Long> books = Repository.of(session, Book.class);
        books.addAll(List.of(new Book("First", ann), new Book("Second", bob), new Book("Third", ann)));
        assertThat(books.list(Filter.eq("author.id", ann.getId()), Filter.asc("title")).stream()
                        .map(Book::getTitle))
                .containsExactly("First", "Third");
        assertThat(books.count(Filter.eq("author.name", "Bob"))).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void getFindUpdateDeleteAndTheir404s(TestDatabase kind) {
        Repository<Author, Long> authors = seeded(kind, Transport.IN_PROCESS);
        Author ann = authors.list(Filter.eq("name", "Ann")).getFirst();
        assertThat(authors.get(ann.getId()).getName()).isEqualTo("Ann");
        assertThat(authors.find(ann.getId())).containsSame(ann);
        assertThat(authors.find(-1L)).isEmpty();
        assertThat(authors.exists(-1L)).isFalse();
        assertThatThrownBy(() -> authors.get(-1L))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("Author -1 not found");
        assertThat(authors.entityName()).isEqualTo("Author");

        session.detach(ann);
        Author changed = new Author("Anne", "ann@example.com", 1951);
        changed.setId(ann.getId());
        Author updated = authors.update(changed);
        assertThat(updated.getName()).isEqualTo("Anne");
        assertThat(session.contains(updated)).isTrue();
        Author ghost = new Author("Ghost", null, null);
        ghost.setId(-5L);
        assertThatThrownBy(() -> authors.update(ghost))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("Author -5 not found");
        assertThatThrownBy(() -> authors.update(new Author("No id", null, null)))
                .isInstanceOf(IllegalArgumentException.class);

        Author deleted = authors.delete(updated.getId());
        assertThat(deleted.getName()).isEqualTo("Anne");
        assertThat(authors.count()).isEqualTo(4);
        assertThatThrownBy(() -> authors.delete(updated.getId())).isInstanceOf(NotFoundException.class);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void upsertInsertsOrUpdatesById(TestDatabase kind) {
        Repository<Author, Long> authors = seeded(kind, Transport.IN_PROCESS);
        Author fresh = authors.upsert(new Author("Fay", null, 2000));
        assertThat(fresh.getId()).isNotNull();
        assertThat(authors.count()).isEqualTo(6);

        Author replacement = new Author("Faye", null, 2001);
        replacement.setId(fresh.getId());
        assertThat(authors.upsert(replacement).getName()).isEqualTo("Faye");
        assertThat(authors.count()).isEqualTo(6);

        // a generated id no row has cannot be inserted as given
        Author unknown = new Author("Gus", null, null);
        unknown.setId(-7L);
        assertThatThrownBy(() -> authors.upsert(unknown))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("Author -7 not found");

        Repository<Tag, String> tags = Repository.of(session, Tag.class);
        tags.upsert(new Tag("java", "Java"));
        assertThat(tags.get("java").getLabel()).isEqualTo("Java");
        tags.upsert(new Tag("java", "Java 21"));
        assertThat(tags.get("java").getLabel()).isEqualTo("Java 21");
        assertThat(tags.count()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aClassThatIsNoEntityOfTheUnitIsRefused(TestDatabase kind) {
        seeded(kind, Transport.IN_PROCESS);
        assertThatThrownBy(() -> Repository.of(session, String.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.String is not an entity");
    }
}
