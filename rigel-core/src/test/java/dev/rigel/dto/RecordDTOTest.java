package dev.rigel.dto;

import static dev.rigel.dto.DTOTestSupport.PLAIN;
import static dev.rigel.dto.DTOTestSupport.SNAKE;
import static dev.rigel.dto.DTOTestSupport.errors;
import static dev.rigel.dto.DTOTestSupport.json;
import static dev.rigel.dto.DTOTestSupport.records;
import static dev.rigel.dto.DTOTestSupport.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.rigel.dto.field.DTOField;
import dev.rigel.dto.field.Mark;
import dev.rigel.exceptions.ClientException;
import dev.rigel.exceptions.ImproperlyConfiguredException;
import dev.rigel.pagination.OffsetPagination;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Compiling record DTOs, and encoding and decoding through them. */
class RecordDTOTest {

    record Address(
            String street, String city, @Size(max = 5) String zip) {}

    record Item(String sku, @Min(1) int qty, String secret) {}

    record User(
            Long id,
            @NotBlank String name,
            @Email String email,
            String passwordHash,
            Instant createdAt,
            String internalNotes) {}

    record Customer(long id, String name, Address address, List<Item> items) {}

    static final User ADA =
            new User(1L, "Ada", "ada@example.com", "hash", Instant.parse("2026-01-02T03:04:05Z"), "vip");

    static final Customer BOB = new Customer(
            7,
            "Bob",
            new Address("Main St", "Springfield", "12345"),
            List.of(new Item("a-1", 2, "s1"), new Item("b-2", 1, "s2")));

    @Nested
    class Selection {

        @Test
        void excludedFieldsAreNeverSent() {
            DTOCodec<User> read = records(
                    User.class,
                    DTOConfig.builder().exclude("passwordHash", "internalNotes").build());

            assertThat(text(read.encode(ADA)))
                    .isEqualTo("{'id':1,'name':'Ada','email':'ada@example.com','createdAt':'2026-01-02T03:04:05Z'}");
        }

        @Test
        void includeKeepsOnlyTheNamedFieldsInModelOrder() {
            DTOCodec<User> write = records(
                    User.class, DTOConfig.builder().include("email", "name").build());

            assertThat(text(write.encode(ADA))).isEqualTo("{'name':'Ada','email':'ada@example.com'}");
        }

        @Test
        void dottedPathsExcludeNestedFieldsAndFieldsOfCollectionElements() {
            DTOCodec<Customer> dto = records(
                    Customer.class,
                    DTOConfig.builder().exclude("address.zip", "items.0.secret").build());
            DTOCodec<Customer> withoutIndex = records(
                    Customer.class,
                    DTOConfig.builder().exclude("address.zip", "items.secret").build());

            String expected = "{'id':7,'name':'Bob','address':{'street':'Main St','city':'Springfield'},"
                    + "'items':[{'sku':'a-1','qty':2},{'sku':'b-2','qty':1}]}";
            assertThat(text(dto.encode(BOB))).isEqualTo(expected);
            assertThat(text(withoutIndex.encode(BOB))).isEqualTo(expected);
        }

        @Test
        void dottedIncludeKeepsTheParentWithOnlyTheNamedChildren() {
            DTOCodec<Customer> dto = records(
                    Customer.class,
                    DTOConfig.builder()
                            .include("name", "address.city", "items.sku")
                            .build());

            assertThat(text(dto.encode(BOB)))
                    .isEqualTo("{'name':'Bob','address':{'city':'Springfield'},'items':[{'sku':'a-1'},{'sku':'b-2'}]}");
        }

        @Test
        void includingANestedFieldWholeKeepsAllOfIt() {
            DTOCodec<Customer> dto = records(
                    Customer.class, DTOConfig.builder().include("address").build());

            assertThat(text(dto.encode(BOB)))
                    .isEqualTo("{'address':{'street':'Main St','city':'Springfield','zip':'12345'}}");
        }

        @Test
        void excludedAndNotIncludedFieldsAreNotReadEither() {
            DTOCodec<Customer> dto = records(
                    Customer.class,
                    DTOConfig.builder()
                            .exclude("id", "address.zip", "items.secret")
                            .build());

            Customer decoded = dto.decode(json("{'id':99,'name':'Eve','address':{'street':'x','zip':'666'},"
                            + "'items':[{'sku':'q','qty':3,'secret':'leak'}]}"))
                    .create();

            assertThat(decoded)
                    .isEqualTo(new Customer(0, "Eve", new Address("x", null, null), List.of(new Item("q", 3, null))));
        }

        @Test
        void aPathTheModelDoesNotHaveFailsCompilation() {
            assertThatThrownBy(() -> records(
                            User.class, DTOConfig.builder().exclude("pasword").build()))
                    .isInstanceOf(ImproperlyConfiguredException.class)
                    .hasMessageContaining("'pasword': User has no field 'pasword'");
            assertThatThrownBy(() -> records(
                            Customer.class,
                            DTOConfig.builder().include("address.zipcode").build()))
                    .isInstanceOf(ImproperlyConfiguredException.class)
                    .hasMessageContaining("Address has no field 'zipcode'");
            assertThatThrownBy(() -> records(
                            Customer.class,
                            DTOConfig.builder().exclude("name.first").build()))
                    .isInstanceOf(ImproperlyConfiguredException.class)
                    .hasMessageContaining("name is a String, not a nested model");
        }
    }

    @Nested
    class Names {

        record Stamped(
                Instant createdAt, @JsonProperty("kind") String type, String userId) {}

        static final Stamped STAMPED = new Stamped(Instant.parse("2026-01-01T00:00:00Z"), "t", "u1");

        @Test
        void withoutRenamesTheAppsNamingStrategyApplies() {
            DTOCodec<Stamped> plain =
                    RecordDTO.of(Stamped.class, DTOConfig.defaults()).compile(PLAIN);
            DTOCodec<Stamped> snake =
                    RecordDTO.of(Stamped.class, DTOConfig.defaults()).compile(SNAKE);

            assertThat(text(plain.encode(STAMPED)))
                    .isEqualTo("{'createdAt':'2026-01-01T00:00:00Z','kind':'t','userId':'u1'}");
            assertThat(text(snake.encode(STAMPED)))
                    .isEqualTo("{'created_at':'2026-01-01T00:00:00Z','kind':'t','user_id':'u1'}");
            assertThat(snake.decode(json("{'created_at':'2026-01-01T00:00:00Z','user_id':'u2'}"))
                            .create())
                    .isEqualTo(new Stamped(STAMPED.createdAt(), null, "u2"));
        }

        @Test
        void aRenameStrategyBeatsTheAppsNamingAndJsonProperty() {
            DTOCodec<Stamped> kebab = RecordDTO.of(
                            Stamped.class,
                            DTOConfig.builder()
                                    .renameStrategy(RenameStrategy.KEBAB)
                                    .build())
                    .compile(SNAKE);
            DTOCodec<Stamped> pascal = RecordDTO.of(
                            Stamped.class,
                            DTOConfig.builder()
                                    .renameStrategy(RenameStrategy.PASCAL)
                                    .build())
                    .compile(SNAKE);

            assertThat(text(kebab.encode(STAMPED)))
                    .isEqualTo("{'created-at':'2026-01-01T00:00:00Z','type':'t','user-id':'u1'}");
            assertThat(text(pascal.encode(STAMPED)))
                    .isEqualTo("{'CreatedAt':'2026-01-01T00:00:00Z','Type':'t','UserId':'u1'}");
            assertThat(kebab.decode(json("{'user-id':'u3'}")).create().userId()).isEqualTo("u3");
        }

        @Test
        void renamedFieldsBeatTheStrategyAndReachIntoNestedModels() {
            DTOCodec<Customer> dto = RecordDTO.of(
                            Customer.class,
                            DTOConfig.builder()
                                    .rename("name", "fullName")
                                    .rename("items.0.sku", "code")
                                    .renameStrategy(RenameStrategy.UPPER)
                                    .include("name", "address.street", "items.sku")
                                    .build())
                    .compile(PLAIN);

            assertThat(text(dto.encode(BOB)))
                    .isEqualTo(
                            "{'fullName':'Bob','ADDRESS':{'STREET':'Main St'},'ITEMS':[{'code':'a-1'},{'code':'b-2'}]}");
            Customer decoded = dto.decode(json("{'fullName':'Zed','ITEMS':[{'code':'z'}],'name':'ignored'}"))
                    .create();
            assertThat(decoded.name()).isEqualTo("Zed");
            assertThat(decoded.items()).containsExactly(new Item("z", 0, null));
        }

        @Test
        void aFunctionCanBeTheStrategy() {
            DTOCodec<User> dto = records(
                    User.class,
                    DTOConfig.builder()
                            .include("id", "name")
                            .renameStrategy(name -> "user_" + name)
                            .build());

            assertThat(text(dto.encode(ADA))).isEqualTo("{'user_id':1,'user_name':'Ada'}");
        }

        @Test
        void twoFieldsWithOneWireNameFailCompilation() {
            assertThatThrownBy(() -> records(
                            User.class,
                            DTOConfig.builder().rename("email", "name").build()))
                    .isInstanceOf(ImproperlyConfiguredException.class)
                    .hasMessageContaining("two fields of User are named 'name' on the wire");
        }
    }

    @Nested
    class Marks {

        record Account(
                @DTOField(mark = Mark.READ_ONLY) long id,
                String login,
                @DTOField(mark = Mark.WRITE_ONLY) String password,
                @DTOField(mark = Mark.PRIVATE) String passwordHash) {}

        final DTOCodec<Account> dto = records(Account.class, DTOConfig.defaults());

        @Test
        void readOnlyFieldsAreSentButNeverRead() {
            Account decoded =
                    dto.decode(json("{'id':42,'login':'ada','password':'pw'}")).create();

            assertThat(decoded.id()).isZero();
            assertThat(text(dto.encode(new Account(42, "ada", "pw", "h")))).contains("'id':42");
        }

        @Test
        void writeOnlyFieldsAreReadButNeverSent() {
            Account decoded =
                    dto.decode(json("{'login':'ada','password':'pw'}")).create();

            assertThat(decoded.password()).isEqualTo("pw");
            assertThat(text(dto.encode(decoded))).doesNotContain("password").doesNotContain("pw");
        }

        @Test
        void privateFieldsNeverCrossEitherWay() {
            Account decoded = dto.decode(json("{'login':'ada','passwordHash':'forged','password_hash':'x'}"))
                    .create();

            assertThat(decoded.passwordHash()).isNull();
            assertThat(text(dto.encode(new Account(1, "a", null, "secret")))).isEqualTo("{'id':1,'login':'a'}");
        }

        @Test
        void theDescriptionListsEachDirectionsFields() {
            assertThat(dto.describe(DTODescription.Direction.OUTBOUND).fields())
                    .extracting(DTOFieldDescription::name)
                    .containsExactly("id", "login");
            assertThat(dto.describe(DTODescription.Direction.INBOUND).fields())
                    .extracting(DTOFieldDescription::name)
                    .containsExactly("login", "password");
        }
    }

    @Nested
    class Depth {

        record Geo(double lat, double lon) {}

        record Place(String name, Geo geo) {}

        record Trip(String title, Place from, List<Place> stops) {}

        static final Trip TRIP = new Trip("t", new Place("a", new Geo(1, 2)), List.of(new Place("b", new Geo(3, 4))));

        @Test
        void nestedModelsPastTheDepthAreLeftOut() {
            assertThat(text(records(Trip.class, DTOConfig.defaults()).encode(TRIP)))
                    .isEqualTo("{'title':'t','from':{'name':'a'},'stops':[{'name':'b'}]}");
            assertThat(text(records(
                                    Trip.class,
                                    DTOConfig.builder().maxNestedDepth(0).build())
                            .encode(TRIP)))
                    .isEqualTo("{'title':'t'}");
            assertThat(text(records(
                                    Trip.class,
                                    DTOConfig.builder().maxNestedDepth(2).build())
                            .encode(TRIP)))
                    .isEqualTo("{'title':'t','from':{'name':'a','geo':{'lat':1.0,'lon':2.0}},"
                            + "'stops':[{'name':'b','geo':{'lat':3.0,'lon':4.0}}]}");
        }

        @Test
        void fieldsPastTheDepthAreNotReadEither() {
            Trip decoded = records(Trip.class, DTOConfig.defaults())
                    .decode(json("{'title':'t','from':{'name':'a','geo':{'lat':1,'lon':2}}}"))
                    .create();

            assertThat(decoded.from()).isEqualTo(new Place("a", null));
        }
    }

    @Nested
    class Decoding {

        final DTOCodec<Customer> dto = records(Customer.class, DTOConfig.defaults());

        @Test
        void readsNestedModelsAndCollectionsOfThem() {
            Customer decoded = dto.decode(
                            text(dto.encode(BOB)).replace('\'', '"').getBytes())
                    .create();

            assertThat(decoded).isEqualTo(BOB);
        }

        @Test
        void unknownFieldsAreIgnoredUnlessForbidden() {
            assertThat(dto.decode(json("{'name':'x','extra':{'deep':[1,2]},'id':3}"))
                            .create()
                            .id())
                    .isEqualTo(3);

            DTOCodec<Customer> strict = records(
                    Customer.class,
                    DTOConfig.builder()
                            .exclude("address.zip")
                            .forbidUnknownFields(true)
                            .build());
            assertThat(errors(() -> strict.decode(json("{'id':1,'name':'x','nickname':'y',"
                            + "'address':{'zip':'1','planet':'earth'},'items':[{'sku':'a','qty':1,'color':'red'}]}"))))
                    .containsExactly(
                            "address.planet: unknown field",
                            "address.zip: unknown field",
                            "items.0.color: unknown field",
                            "nickname: unknown field");
        }

        @Test
        void wrongTypesAreReportedPerFieldWithDottedKeys() {
            assertThat(errors(() -> dto.decode(json("{'id':'seven','name':5,'address':{'street':['x'],'zip':'1'},"
                            + "'items':[{'sku':'a','qty':'many'},{'qty':1.5},7]}"))))
                    .containsExactly(
                            "address.street: Cannot deserialize value of type `String` from Array value"
                                    + " (token `START_ARRAY`)",
                            "id: expected long, got 'seven'",
                            "items.0.qty: expected int, got 'many'",
                            "items.1.qty: expected int, got 1.5",
                            "items.2: expected an object");
        }

        @Test
        void nestedValuesOfTheWrongShapeAreReported() {
            assertThat(errors(() -> dto.decode(json("{'address':'Main St','items':{'sku':'a'}}"))))
                    .containsExactly("address: expected an object", "items: expected an array");
        }

        @Test
        void numbersOutOfRangeAndNullPrimitivesAreReported() {
            assertThat(errors(() -> dto.decode(json("{'id':null,'items':[{'qty':99999999999}]}"))))
                    .containsExactly("id: must not be null", "items.0.qty: number out of range for int");
        }

        @Test
        void aNumberJacksonCannotRepresentIsReportedForItsField() {
            // found by DTOCodecFuzzTest: BigDecimal's exponent overflow escaped as a NumberFormatException (500)
            record Priced(String sku, BigDecimal price) {}
            DTOCodec<Priced> priced = records(Priced.class, DTOConfig.defaults());

            assertThat(errors(() -> priced.decode(json("{'sku':'a','price':1e-2147483648}"))))
                    .containsExactly("price: cannot read the value as `BigDecimal`");
        }

        @Test
        void anEpochNumberPastTheLastInstantIsReportedForItsField() {
            // found by DTOCodecFuzzTest: the JSR-310 deserializer's DateTimeException escaped (a 500)
            record Stamped(Instant at) {}
            DTOCodec<Stamped> stamped = records(Stamped.class, DTOConfig.defaults());

            assertThat(errors(() -> stamped.decode(json("{'at':99999999999999999}"))))
                    .containsExactly("at: cannot read the value as `Instant`");
        }

        @Test
        void aFullDtoRequiresRecordPrimitivesAndChecksJakartaConstraints() {
            DTOCodec<Item> items = records(Item.class, DTOConfig.defaults());

            assertThat(errors(() -> items.decode(json("{'sku':'a'}")))).containsExactly("qty: field required");
            assertThat(errors(() -> items.decode(json("{'sku':'a','qty':0}"))))
                    .containsExactly("qty: must be greater than or equal to 1");
        }

        @Test
        void constraintsOfNestedModelsAndCollectionElementsHaveDottedKeys() {
            assertThat(errors(() -> dto.decode(json("{'id':1,'name':'n','address':{'zip':'1234567'},"
                            + "'items':[{'sku':'a','qty':1},{'sku':'b','qty':0}]}"))))
                    .containsExactly(
                            "address.zip: size must be between 0 and 5",
                            "items.1.qty: must be greater than or equal to 1");
        }

        @Test
        void constraintsOfFieldsTheDtoDoesNotReadAreNotChecked() {
            // name is @NotBlank, but a client of this DTO cannot send it, so it cannot be blamed for it
            DTOCodec<User> emailOnly =
                    records(User.class, DTOConfig.builder().include("email").build());

            assertThat(emailOnly.decode(json("{'email':'a@b.c'}")).create().name())
                    .isNull();
            assertThat(errors(() -> emailOnly.decode(json("{'email':'nope'}"))))
                    .containsExactly("email: must be a well-formed email address");
        }

        @Test
        void brokenJsonIsTheCoresMalformedBodyError() {
            assertThatThrownBy(() -> dto.decode(json("{'name':")))
                    .isInstanceOf(ClientException.class)
                    .hasMessageStartingWith("Malformed JSON in request body");
            assertThatThrownBy(() -> dto.decode(json("{'name':'a'} {}")))
                    .isInstanceOf(ClientException.class)
                    .hasMessageContaining("more content follows");
            assertThatThrownBy(() -> dto.decode(json("[1]")))
                    .isInstanceOf(ClientException.class)
                    .hasMessage("Invalid JSON body: expected an object, got an array");
            assertThatThrownBy(() -> dto.decode(new byte[0]))
                    .isInstanceOf(ClientException.class)
                    .hasMessage("Request body is empty; expected JSON");
        }

        @Test
        void plainValuesAreReadWithTheAppsMapper() {
            record Values(
                    UUID id,
                    BigDecimal amount,
                    Instant at,
                    Thread.State state,
                    List<String> tags,
                    Map<String, Integer> counts) {}
            DTOCodec<Values> values = records(Values.class, DTOConfig.defaults());
            Values expected = new Values(
                    UUID.fromString("00000000-0000-0000-0000-00000000002a"),
                    new BigDecimal("12.50"),
                    Instant.parse("2026-05-06T07:08:09Z"),
                    Thread.State.NEW,
                    List.of("a"),
                    Map.of("x", 1));

            byte[] encoded = values.encode(expected);

            assertThat(text(encoded))
                    .isEqualTo("{'id':'00000000-0000-0000-0000-00000000002a','amount':12.50,"
                            + "'at':'2026-05-06T07:08:09Z','state':'NEW','tags':['a'],'counts':{'x':1}}");
            assertThat(values.decode(encoded).create()).isEqualTo(expected);
            assertThat(errors(() -> values.decode(json("{'id':'not-a-uuid','state':'SLEEPY'}"))))
                    .hasSize(2)
                    .anySatisfy(error -> assertThat(error).startsWith("id: "))
                    .anySatisfy(error -> assertThat(error).startsWith("state: "));
        }

        @Test
        void aListOfObjectsIsDecodedWithIndexedKeys() {
            DTOCodec<Item> items = records(Item.class, DTOConfig.defaults());

            assertThat(items.decodeAll(json("[{'sku':'a','qty':1},{'sku':'b','qty':2}]")))
                    .extracting(DTOData::create)
                    .containsExactly(new Item("a", 1, null), new Item("b", 2, null));
            assertThat(errors(() -> items.decodeAll(json("[{'sku':'a','qty':1},{'sku':'b','qty':0}]"))))
                    .containsExactly("1.qty: must be greater than or equal to 1");
            // values of the wrong type are reported before constraints are looked at
            assertThat(errors(() -> items.decodeAll(json("[{'sku':'a','qty':0},3]"))))
                    .containsExactly("1: expected an object");
        }
    }

    @Nested
    class Partial {

        final DTOCodec<User> patch = records(
                User.class,
                DTOConfig.builder()
                        .include("name", "email", "internalNotes")
                        .partial(true)
                        .build());

        @Test
        void onlyTheFieldsSentAreWrittenAndAnExplicitNullIsWritten() {
            DTOData<User> data = patch.decode(json("{'email':null,'internalNotes':'changed'}"));

            User updated = data.updateInstance(ADA);

            assertThat(updated).isEqualTo(new User(1L, "Ada", null, "hash", ADA.createdAt(), "changed"));
            assertThat(ADA.email())
                    .as("records are immutable: a copy is returned")
                    .isEqualTo("ada@example.com");
            assertThat(data.asMap()).containsOnlyKeys("email", "internalNotes").containsEntry("email", null);
            assertThat(data.wasSent("email")).isTrue();
            assertThat(data.wasSent("name")).isFalse();
            assertThat(data.wasSent("id")).as("a field the DTO does not read").isFalse();
            assertThat(data.sentFields()).containsExactly("email", "internalNotes");
            assertThatThrownBy(() -> data.wasSent("nickname")).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void nothingSentChangesNothing() {
            DTOData<User> data = patch.decode(json("{}"));

            assertThat(data.updateInstance(ADA)).isEqualTo(ADA);
            assertThat(data.asMap()).isEmpty();
        }

        @Test
        void onlySentFieldsAreValidatedAndExplicitNullStillMeetsNotNull() {
            record Named(@NotNull String name, @Email String email) {}
            DTOCodec<Named> partial =
                    records(Named.class, DTOConfig.builder().partial(true).build());
            DTOCodec<Named> full = records(Named.class, DTOConfig.defaults());

            assertThat(partial.decode(json("{'email':'a@b.c'}")).asMap()).containsOnlyKeys("email");
            assertThat(errors(() -> partial.decode(json("{'name':null}")))).containsExactly("name: must not be null");
            assertThat(errors(() -> full.decode(json("{'email':'a@b.c'}")))).containsExactly("name: must not be null");
        }

        @Test
        void aPartialDtoDoesNotRequirePrimitives() {
            DTOCodec<Item> items =
                    records(Item.class, DTOConfig.builder().partial(true).build());

            assertThat(items.decode(json("{'sku':'x'}")).updateInstance(new Item("a", 5, "s")))
                    .isEqualTo(new Item("x", 5, "s"));
        }

        @Test
        void aSentNestedModelIsMergedFieldByField() {
            DTOCodec<Customer> partial =
                    records(Customer.class, DTOConfig.builder().partial(true).build());

            Customer updated = partial.decode(
                            json("{'address':{'city':'Shelbyville','zip':null}," + "'items':[{'sku':'n'}]}"))
                    .updateInstance(BOB);

            assertThat(updated.address()).isEqualTo(new Address("Main St", "Shelbyville", null));
            assertThat(updated.items()).as("collections are replaced whole").containsExactly(new Item("n", 0, null));
            assertThat(updated.name()).isEqualTo("Bob");
            assertThat(partial.decode(json("{'address':{'city':'X'}}")).asMap())
                    .isEqualTo(Map.of("address", Map.of("city", "X")));
        }
    }

    @Nested
    class Making {

        final DTOCodec<User> write =
                records(User.class, DTOConfig.builder().include("name", "email").build());

        @Test
        void overridesSetFieldsTheClientCannotSend() {
            DTOData<User> data = write.decode(json("{'name':'Grace','email':'g@example.com'}"));
            Instant now = Instant.parse("2026-03-03T00:00:00Z");

            User created = data.create(Map.of("id", 9L, "createdAt", now, "passwordHash", "h"));

            assertThat(created).isEqualTo(new User(9L, "Grace", "g@example.com", "h", now, null));
            assertThat(data.create()).isEqualTo(new User(null, "Grace", "g@example.com", null, null, null));
        }

        @Test
        void overridesBeatSentValuesOnUpdateToo() {
            DTOData<User> data = write.decode(json("{'name':'Grace'}"));
            Map<String, Object> overrides = new HashMap<>();
            overrides.put("name", "Hopper");
            overrides.put("internalNotes", null);

            assertThat(data.updateInstance(ADA, overrides))
                    .isEqualTo(new User(1L, "Hopper", "ada@example.com", "hash", ADA.createdAt(), null));
        }

        @Test
        void overridesMustNameRealFieldsWithFittingValues() {
            DTOData<User> data = write.decode(json("{'name':'Grace'}"));

            assertThatThrownBy(() -> data.create(Map.of("nickname", "x")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("User has no field 'nickname'");
            assertThatThrownBy(() -> data.create(Map.of("id", "nine")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("must be a Long, got String");
            assertThatThrownBy(() -> data.updateInstance(null)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class Encoding {

        @Test
        void listsAndPagesGoThroughTheDto() {
            DTOCodec<User> read = records(
                    User.class, DTOConfig.builder().include("id", "name").build());
            User grace = new User(2L, "Grace", null, "x", null, null);

            assertThat(text(read.encodeAll(List.of(ADA, grace))))
                    .isEqualTo("[{'id':1,'name':'Ada'},{'id':2,'name':'Grace'}]");
            assertThat(text(read.encodePage(new OffsetPagination<>(List.of(grace), 1, 1, 2))))
                    .isEqualTo("{'items':[{'id':2,'name':'Grace'}],'limit':1,'offset':1,'total':2}");
        }

        @Test
        void nullsAreWrittenUnlessTheAppsMapperLeavesThemOut() {
            User sparse = new User(null, "n", null, null, null, null);
            com.fasterxml.jackson.databind.ObjectMapper nonNull = new dev.rigel.internal.json.JsonCodec(
                            mapper -> mapper.setSerializationInclusion(
                                    com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL))
                    .mapper();

            assertThat(text(records(
                                    User.class,
                                    DTOConfig.builder()
                                            .include("id", "name", "createdAt")
                                            .build())
                            .encode(sparse)))
                    .isEqualTo("{'id':null,'name':'n','createdAt':null}");
            assertThat(text(RecordDTO.of(
                                    User.class,
                                    DTOConfig.builder()
                                            .include("id", "name", "createdAt")
                                            .build())
                            .compile(nonNull)
                            .encode(sparse)))
                    .isEqualTo("{'name':'n'}");
        }

        @Test
        void primitivesAndOpenTypesAreWrittenAsJacksonWouldWriteThem() throws Exception {
            record Mixed(int i, long l, double d, boolean b, float f, char c, Object any, Number number) {}
            Mixed mixed = new Mixed(1, 2L, 3.5, true, 4.5f, 'x', List.of(1), 7L);

            assertThat(text(records(Mixed.class, DTOConfig.defaults()).encode(mixed)))
                    .isEqualTo(text(PLAIN.writeValueAsBytes(mixed)));
        }
    }

    @Nested
    class Description {

        @Test
        void describesNamesTypesRequiredAndNullableAndNestedModels() {
            DTOCodec<Customer> dto = RecordDTO.of(
                            Customer.class,
                            DTOConfig.builder().exclude("items.secret").build())
                    .compile(SNAKE);

            DTODescription in = dto.describe(DTODescription.Direction.INBOUND);

            assertThat(in.modelType()).isEqualTo(Customer.class);
            assertThat(in.fields())
                    .extracting(DTOFieldDescription::name)
                    .containsExactly("id", "name", "address", "items");
            assertThat(in.field("id").required()).isTrue();
            assertThat(in.field("id").nullable()).isFalse();
            assertThat(in.field("name").required()).isFalse();
            assertThat(in.field("name").nullable()).isTrue();
            assertThat(in.field("items").type().getTypeName())
                    .isEqualTo("java.util.List<" + Item.class.getName() + ">");
            assertThat(in.field("items").model().fields())
                    .extracting(DTOFieldDescription::name)
                    .containsExactly("sku", "qty");
            assertThat(in.field("address").model().modelType()).isEqualTo(Address.class);

            DTODescription partial = RecordDTO.of(
                            User.class, DTOConfig.builder().partial(true).build())
                    .compile(SNAKE)
                    .describe(DTODescription.Direction.INBOUND);
            assertThat(partial.fields()).noneMatch(DTOFieldDescription::required);
            DTODescription full = RecordDTO.of(User.class, DTOConfig.defaults())
                    .compile(SNAKE)
                    .describe(DTODescription.Direction.INBOUND);
            assertThat(full.field("name").required()).as("@NotBlank").isTrue();
            assertThat(full.field("password_hash").javaName()).isEqualTo("passwordHash");
        }
    }

    @Test
    void aDtoClassGivesItsModelAsTheTypeArgument() {
        class UserReadDTO extends RecordDTO<User> {
            UserReadDTO() {
                super(DTOConfig.builder().exclude("passwordHash").build());
            }
        }

        assertThat(new UserReadDTO().modelType()).isEqualTo(User.class);
        assertThat(new UserReadDTO().toString()).isEqualTo("UserReadDTO");
        assertThat(RecordDTO.of(User.class, DTOConfig.defaults()).toString()).isEqualTo("RecordDTO<User>");
    }

    @Test
    void collectionFieldsOfModelsAreMadeAsTheirDeclaredKind() {
        record Tagged(Set<Item> items) {}

        Tagged decoded = records(Tagged.class, DTOConfig.defaults())
                .decode(json("{'items':[{'sku':'a','qty':1},{'sku':'a','qty':1}]}"))
                .create();

        assertThat(decoded.items()).isInstanceOf(Set.class).containsExactly(new Item("a", 1, null));
    }
}
