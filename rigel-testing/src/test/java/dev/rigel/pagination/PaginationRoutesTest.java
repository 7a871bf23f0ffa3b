package dev.rigel.pagination;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.rigel.App;
import dev.rigel.Controller;
import dev.rigel.annotation.Get;
import dev.rigel.annotation.Param;
import dev.rigel.dto.DTOConfig;
import dev.rigel.dto.RecordDTO;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.TestResponse;
import dev.rigel.testing.support.Clients;
import dev.rigel.testing.support.Transport;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Classic and cursor pages from their paginators, through a return DTO, over both transports. */
class PaginationRoutesTest {

    public record Item(long id, String name, String secret) {}

    static final List<Item> ITEMS = IntStream.rangeClosed(1, 7)
            .mapToObj(i -> new Item(i, "item-" + i, "secret-" + i))
            .toList();

    public static class PublicItem extends RecordDTO<Item> {
        public PublicItem() {
            super(DTOConfig.builder().exclude("secret").build());
        }
    }

    /** Seven items in pages, counted and sliced from the list. */
    static final class ItemPages extends ClassicPaginator<Item> {
        @Override
        protected int totalPages(int pageSize) {
            return ClassicPagination.pageCount(ITEMS.size(), pageSize);
        }

        @Override
        protected List<Item> items(int pageSize, int currentPage) {
            int from = Math.min(ITEMS.size(), (currentPage - 1) * pageSize);
            return ITEMS.subList(from, Math.min(ITEMS.size(), from + pageSize));
        }
    }

    /** The items after an id; the next cursor is the last id sent while more follow. */
    static final class ItemsAfter extends CursorPaginator<Long, Item> {
        @Override
        protected Batch<Long, Item> items(Long cursor, int resultsPerPage) {
            List<Item> after = ITEMS.stream()
                    .filter(item -> cursor == null || item.id() > cursor)
                    .toList();
            List<Item> batch = after.subList(0, Math.min(resultsPerPage, after.size()));
            Long next = after.size() > batch.size() ? batch.getLast().id() : null;
            return new Batch<>(batch, next);
        }
    }

    /** The items sliced by limit and offset. */
    static final class ItemSlices extends OffsetPaginator<Item> {
        @Override
        protected long total() {
            return ITEMS.size();
        }

        @Override
        protected List<Item> items(int limit, int offset) {
            int from = Math.min(ITEMS.size(), offset);
            return ITEMS.subList(from, Math.min(ITEMS.size(), from + limit));
        }
    }

    public static class Items extends Controller {
        public Items() {
            super("/items");
            layer().returnDto(PublicItem.class);
        }

        @Get("/pages")
        public ClassicPagination<Item> pages(
                @Param(defaultValue = "1") int page, @Param(query = "page_size", defaultValue = "3") int pageSize) {
            return new ItemPages().page(pageSize, page);
        }

        @Get("/after")
        public CursorPagination<Long, Item> after(
                @Param(required = false) Long cursor, @Param(defaultValue = "3") int count) {
            return new ItemsAfter().page(cursor, count);
        }

        @Get("/slices")
        public OffsetPagination<Item> slices(
                @Param(defaultValue = "2") int limit, @Param(defaultValue = "0") int offset) {
            return new ItemSlices().page(limit, offset);
        }

        /** Declared as Object: the value's class decides, as for a lambda. */
        @Get("/open")
        public Object open() {
            return new CursorPagination<>(ITEMS.subList(0, 1), 1, "opaque");
        }
    }

    private static App app() {
        return App.builder()
                .routeHandlers(new Items())
                .json(mapper -> mapper.setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE))
                .build();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void classicPagesCountPagesAndShapeTheirItems(Transport transport) {
        try (TestClient client = Clients.open(app(), transport)) {
            TestResponse last = client.get("/items/pages?page=3&page_size=3");
            assertThat(last.status()).isEqualTo(200);
            assertThat(last.text())
                    .isEqualTo("{\"items\":[{\"id\":7,\"name\":\"item-7\"}],\"page_size\":3,\"current_page\":3,"
                            + "\"total_pages\":3}");
            assertThat(client.get("/items/pages").jsonMap())
                    .containsEntry("current_page", 1)
                    .containsEntry("total_pages", 3);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aClientWalksCursorPagesToTheEnd(Transport transport) {
        try (TestClient client = Clients.open(app(), transport)) {
            List<Object> ids = new java.util.ArrayList<>();
            Object cursor = null;
            int requests = 0;
            do {
                Map<String, Object> page = client.get("/items/after" + (cursor == null ? "" : "?cursor=" + cursor))
                        .jsonMap();
                assertThat(page).containsEntry("results_per_page", 3);
                for (Object item : (List<?>) page.get("items")) {
                    assertThat(item.toString()).contains("name=").doesNotContain("secret");
                    ids.add(((Map<?, ?>) item).get("id"));
                }
                cursor = page.get("cursor");
                requests++;
            } while (cursor != null);
            assertThat(ids).containsExactly(1, 2, 3, 4, 5, 6, 7);
            assertThat(requests).isEqualTo(3);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void offsetSlicesAndOpenlyDeclaredPagesAreShapedToo(Transport transport) {
        try (TestClient client = Clients.open(app(), transport)) {
            assertThat(client.get("/items/slices?limit=1&offset=6").text())
                    .isEqualTo("{\"items\":[{\"id\":7,\"name\":\"item-7\"}],\"limit\":1,\"offset\":6,\"total\":7}");
            assertThat(client.get("/items/open").text())
                    .isEqualTo(
                            "{\"items\":[{\"id\":1,\"name\":\"item-1\"}],\"results_per_page\":1,\"cursor\":\"opaque\"}");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void pageNumbersOutOfRangeAreTheClientsError(Transport transport) {
        try (TestClient client = Clients.open(app(), transport)) {
            TestResponse zero = client.get("/items/pages?page=0");
            assertThat(zero.status()).isEqualTo(400);
            assertThat(zero.jsonMap().get("detail").toString()).contains("currentPage=0");
            assertThat(client.get("/items/pages?page_size=-1").status()).isEqualTo(400);
            assertThat(client.get("/items/after?count=0").status()).isEqualTo(400);
            assertThat(client.get("/items/slices?offset=-5").status()).isEqualTo(400);
            assertThat(client.get("/items/pages?page=abc").status()).isEqualTo(400);
            assertThat(client.get("/items/after?cursor=x").status()).isEqualTo(400);
        }
    }
}
