package dev.rigel.dto;

import static dev.rigel.dto.DTOTestSupport.PLAIN;
import static dev.rigel.dto.DTOTestSupport.SNAKE;
import static dev.rigel.dto.DTOTestSupport.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.rigel.pagination.ClassicPagination;
import dev.rigel.pagination.CursorPagination;
import dev.rigel.pagination.OffsetPagination;
import java.lang.reflect.Type;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A DTO inside generic types an app defines: only the type parameter's places are shaped. */
class GenericWrapperDTOTest {

    record User(long id, String name, String passwordHash) {}

    record Envelope<T>(T data, String requestId) {}

    record Page<T>(List<T> items, int total) {}

    record Everything<T>(
            Optional<T> maybe,
            Map<String, T> byName,
            T[] array,
            List<List<T>> grouped,
            User author,
            @JsonProperty("note_text") String note,
            @JsonIgnore String hidden) {}

    record Tree<T>(T value, List<Tree<T>> children) {}

    record Pair<A, B>(A first, B second) {}

    static final User ADA = new User(1, "Ada", "secret-1");
    static final User BOB = new User(2, "Bob", "secret-2");

    static final DTOCodec<User> READ = RecordDTO.of(
                    User.class, DTOConfig.builder().exclude("passwordHash").build())
            .compile(PLAIN);

    // the declared types the tests plan for, read from these signatures
    static Envelope<User> envelope() {
        return null;
    }

    static Page<User> page() {
        return null;
    }

    static Envelope<Page<User>> envelopeOfPage() {
        return null;
    }

    static Everything<User> everything() {
        return null;
    }

    static Tree<User> tree() {
        return null;
    }

    static Pair<String, User> pair() {
        return null;
    }

    static Envelope<String> envelopeOfString() {
        return null;
    }

    static ClassicPagination<User> classic() {
        return null;
    }

    static CursorPagination<Long, User> cursor() {
        return null;
    }

    static OffsetPagination<User> offset() {
        return null;
    }

    static Type type(String method) throws NoSuchMethodException {
        return GenericWrapperDTOTest.class.getDeclaredMethod(method).getGenericReturnType();
    }

    @Test
    void theWrappersTypeParameterGoesThroughTheDtoAndItsOtherFieldsAsUsual() throws Exception {
        assertThat(text(READ.encoderFor(type("envelope")).encode(new Envelope<>(ADA, "req-1"))))
                .isEqualTo("{'data':{'id':1,'name':'Ada'},'requestId':'req-1'}");
        assertThat(text(READ.encoderFor(type("page")).encode(new Page<>(List.of(ADA, BOB), 2))))
                .isEqualTo("{'items':[{'id':1,'name':'Ada'},{'id':2,'name':'Bob'}],'total':2}");
        assertThat(text(READ.encoderFor(type("envelopeOfPage"))
                        .encode(new Envelope<>(new Page<>(List.of(BOB), 1), null))))
                .isEqualTo("{'data':{'items':[{'id':2,'name':'Bob'}],'total':1},'requestId':null}");
    }

    @Test
    void containersOfTheTypeParameterAreWalkedAndConcreteFieldsAreLeftWhole() throws Exception {
        Map<String, User> byName = new LinkedHashMap<>();
        byName.put("ada", ADA);
        byName.put("nobody", null);
        Everything<User> value =
                new Everything<>(Optional.of(BOB), byName, new User[] {ADA}, List.of(List.of(ADA, BOB)), ADA, "n", "h");

        assertThat(text(READ.encoderFor(type("everything")).encode(value)))
                .isEqualTo("{'maybe':{'id':2,'name':'Bob'},"
                        + "'byName':{'ada':{'id':1,'name':'Ada'},'nobody':null},"
                        + "'array':[{'id':1,'name':'Ada'}],"
                        + "'grouped':[[{'id':1,'name':'Ada'},{'id':2,'name':'Bob'}]],"
                        // declared User, not T: the app's mapper writes every field
                        + "'author':{'id':1,'name':'Ada','passwordHash':'secret-1'},"
                        + "'note_text':'n'}");
        assertThat(text(READ.encoderFor(type("everything"))
                        .encode(new Everything<User>(
                                Optional.empty(), Map.of(), new User[0], List.of(), null, null, null))))
                .isEqualTo("{'maybe':null,'byName':{},'array':[],'grouped':[],'author':null,'note_text':null}");
    }

    @Test
    void aTypeThatContainsItselfIsPlannedOnce() throws Exception {
        Tree<User> tree = new Tree<>(ADA, List.of(new Tree<>(BOB, List.of())));

        assertThat(text(READ.encoderFor(type("tree")).encode(tree)))
                .isEqualTo(
                        "{'value':{'id':1,'name':'Ada'},'children':[{'value':{'id':2,'name':'Bob'},'children':[]}]}");
    }

    @Test
    void onlyTheTypeArgumentsThatAreTheModelAreShaped() throws Exception {
        assertThat(text(READ.encoderFor(type("pair")).encode(new Pair<>("x", ADA))))
                .isEqualTo("{'first':'x','second':{'id':1,'name':'Ada'}}");
    }

    @Test
    void thePaginationContainersAreWrappersLikeAnyOtherUnderTheAppsNaming() throws Exception {
        DTOCodec<User> snake = RecordDTO.of(
                        User.class, DTOConfig.builder().exclude("passwordHash").build())
                .compile(SNAKE);

        assertThat(text(snake.encoderFor(type("classic")).encode(new ClassicPagination<>(List.of(ADA), 1, 2, 5))))
                .isEqualTo("{'items':[{'id':1,'name':'Ada'}],'page_size':1,'current_page':2,'total_pages':5}");
        assertThat(text(snake.encoderFor(type("cursor")).encode(new CursorPagination<>(List.of(BOB), 1, 2L))))
                .isEqualTo("{'items':[{'id':2,'name':'Bob'}],'results_per_page':1,'cursor':2}");
        OffsetPagination<User> offsetPage = new OffsetPagination<>(List.of(ADA), 1, 0, 9);
        assertThat(snake.encoderFor(type("offset")).encode(offsetPage)).isEqualTo(snake.encodePage(offsetPage));
    }

    @Test
    void aTypeWithoutTheModelIsRefusedWhenPlanned() {
        assertThatThrownBy(() -> READ.encoderFor(type("envelopeOfString")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Envelope<String> holds no User");
    }
}
