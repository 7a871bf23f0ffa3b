package dev.rigel.pagination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigel.exceptions.ClientException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The containers' checks and the paginators that build them from their lookups. */
class PaginatorsTest {

    static final List<Integer> NUMBERS = List.of(10, 20, 30, 40, 50);

    @Test
    void pageCountRoundsUpAndRefusesNonsense() {
        assertThat(ClassicPagination.pageCount(0, 3)).isZero();
        assertThat(ClassicPagination.pageCount(3, 3)).isEqualTo(1);
        assertThat(ClassicPagination.pageCount(4, 3)).isEqualTo(2);
        assertThatThrownBy(() -> ClassicPagination.pageCount(4, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClassicPagination.pageCount(-1, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ClassicPagination<>(List.of(), -1, 1, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CursorPagination<>(List.of(), -1, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void containersCopyTheirItems() {
        List<Integer> items = new ArrayList<>(List.of(1));
        ClassicPagination<Integer> page = new ClassicPagination<>(items, 1, 1, 1);
        items.add(2);
        assertThat(page.items()).containsExactly(1);
    }

    @Test
    void theClassicPaginatorAsksForTheTotalAndThePage() {
        ClassicPaginator<Integer> pages = new ClassicPaginator<>() {
            @Override
            protected int totalPages(int pageSize) {
                return ClassicPagination.pageCount(NUMBERS.size(), pageSize);
            }

            @Override
            protected List<Integer> items(int pageSize, int currentPage) {
                int from = Math.min(NUMBERS.size(), (currentPage - 1) * pageSize);
                return NUMBERS.subList(from, Math.min(NUMBERS.size(), from + pageSize));
            }
        };
        assertThat(pages.page(2, 3)).isEqualTo(new ClassicPagination<>(List.of(50), 2, 3, 3));
        assertThatThrownBy(() -> pages.page(2, 0)).isInstanceOf(ClientException.class);
        assertThatThrownBy(() -> pages.page(0, 1)).isInstanceOf(ClientException.class);
    }

    @Test
    void theOffsetAndCursorPaginatorsWrapTheirLookups() {
        OffsetPaginator<Integer> slices = new OffsetPaginator<>() {
            @Override
            protected long total() {
                return NUMBERS.size();
            }

            @Override
            protected List<Integer> items(int limit, int offset) {
                return NUMBERS.subList(offset, Math.min(NUMBERS.size(), offset + limit));
            }
        };
        assertThat(slices.page(2, 1)).isEqualTo(new OffsetPagination<>(List.of(20, 30), 2, 1, 5));
        assertThatThrownBy(() -> slices.page(-1, 0)).isInstanceOf(ClientException.class);

        CursorPaginator<Integer, Integer> after = new CursorPaginator<>() {
            @Override
            protected Batch<Integer, Integer> items(Integer cursor, int resultsPerPage) {
                List<Integer> rest = NUMBERS.stream()
                        .filter(n -> cursor == null || n > cursor)
                        .toList();
                List<Integer> batch = rest.subList(0, Math.min(resultsPerPage, rest.size()));
                return new Batch<>(batch, rest.size() > batch.size() ? batch.getLast() : null);
            }
        };
        assertThat(after.page(null, 3)).isEqualTo(new CursorPagination<>(List.of(10, 20, 30), 3, 30));
        assertThat(after.page(30, 3)).isEqualTo(new CursorPagination<>(List.of(40, 50), 3, null));
        assertThatThrownBy(() -> after.page(null, 0)).isInstanceOf(ClientException.class);
    }
}
