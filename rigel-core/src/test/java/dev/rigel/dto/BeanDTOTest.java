package dev.rigel.dto;

import static dev.rigel.dto.DTOTestSupport.PLAIN;
import static dev.rigel.dto.DTOTestSupport.SNAKE;
import static dev.rigel.dto.DTOTestSupport.errors;
import static dev.rigel.dto.DTOTestSupport.json;
import static dev.rigel.dto.DTOTestSupport.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigel.dto.field.DTOField;
import dev.rigel.dto.field.Mark;
import dev.rigel.exceptions.ImproperlyConfiguredException;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** DTOs over mutable classes: getters/setters where they exist, fields otherwise. */
class BeanDTOTest {

    public static class Entity {
        long version = 1;
    }

    public static class Pet {
        public String kind;
        public int legs;
    }

    /** Mixes accessors and bare fields, a final field, and a superclass field. */
    public static class Owner extends Entity {
        private final String registry = "central";

        @Size(max = 10)
        private String name;

        private boolean active;
        private Pet pet;
        private List<Pet> pets = new ArrayList<>();

        @DTOField(mark = Mark.PRIVATE)
        private String secret;

        int getterCalls;

        public String getName() {
            getterCalls++;
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public boolean isActive() {
            return active;
        }

        public void setActive(boolean active) {
            this.active = active;
        }
    }

    static Owner owner() {
        Owner owner = new Owner();
        owner.setName("Ann");
        owner.setActive(true);
        owner.pet = new Pet();
        owner.pet.kind = "cat";
        owner.pet.legs = 4;
        owner.secret = "s3cret";
        return owner;
    }

    static DTOCodec<Owner> dto(DTOConfig config) {
        return BeanDTO.of(Owner.class, config).compile(PLAIN);
    }

    @Test
    void writesFieldsInDeclarationOrderSuperclassFirstThroughGettersWhenThereAreSome() {
        Owner owner = owner();

        String written =
                text(dto(DTOConfig.builder().exclude("getterCalls").build()).encode(owner));

        assertThat(written)
                .isEqualTo("{'version':1,'registry':'central','name':'Ann','active':true,"
                        + "'pet':{'kind':'cat','legs':4},'pets':[]}");
        assertThat(owner.getterCalls).as("name was read through its getter").isEqualTo(1);
    }

    @Test
    void readsThroughSettersAndFieldsButNeverFinalOrPrivateFields() {
        Owner created = dto(DTOConfig.defaults())
                .decode(json("{'version':3,'registry':'forged','name':'Bo',"
                        + "'active':true,'pet':{'kind':'dog','legs':3},'pets':[{'kind':'fish'}],'secret':'x'}"))
                .create();

        assertThat(created.version).isEqualTo(3);
        assertThat(created.registry).isEqualTo("central");
        assertThat(created.getName()).isEqualTo("Bo");
        assertThat(created.isActive()).isTrue();
        assertThat(created.pet.kind).isEqualTo("dog");
        assertThat(created.pets)
                .singleElement()
                .satisfies(pet -> assertThat(pet.kind).isEqualTo("fish"));
        assertThat(created.secret).isNull();
        assertThat(dto(DTOConfig.defaults())
                        .describe(DTODescription.Direction.INBOUND)
                        .field("registry"))
                .isNull();
    }

    @Test
    void updateChangesTheInstanceInPlaceAndOnlyTheSentFields() {
        Owner owner = owner();
        DTOCodec<Owner> patch = dto(DTOConfig.builder().partial(true).build());

        Owner updated = patch.decode(json("{'name':null,'pet':{'legs':5}}")).updateInstance(owner);

        assertThat(updated).isSameAs(owner);
        assertThat(owner.getName()).isNull();
        assertThat(owner.isActive()).isTrue();
        assertThat(owner.pet.kind).isEqualTo("cat");
        assertThat(owner.pet.legs).isEqualTo(5);
        assertThat(owner.secret).isEqualTo("s3cret");
    }

    @Test
    void fieldsNotSentKeepTheConstructorsValues() {
        Owner created = dto(DTOConfig.defaults()).decode(json("{'name':'Cy'}")).create(Map.of("secret", "given"));

        assertThat(created.version).isEqualTo(1);
        assertThat(created.pets).isEmpty();
        assertThat(created.secret).isEqualTo("given");
        assertThatThrownBy(() -> dto(DTOConfig.defaults()).decode(json("{}")).create(Map.of("registry", "x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is final");
    }

    @Test
    void validatesWithTheFieldsConstraintsAndTheAppsNames() {
        DTOCodec<Owner> snake = BeanDTO.of(
                        Owner.class, DTOConfig.builder().exclude("getterCalls").build())
                .compile(SNAKE);

        assertThat(errors(() -> snake.decode(json("{'name':'far too long a name','getter_calls':1}"))))
                .containsExactly("name: size must be between 0 and 10");
        assertThat(text(snake.encode(owner()))).contains("'version':1");
    }

    @Test
    void refusesClassesItCannotCreate() {
        assertThatThrownBy(
                        () -> BeanDTO.of(Runnable.class, DTOConfig.defaults()).compile(PLAIN))
                .isInstanceOf(ImproperlyConfiguredException.class)
                .hasMessageContaining("cannot be a BeanDTO model");
        record Point(int x, int y) {}
        assertThat(text(BeanDTO.of(Point.class, DTOConfig.defaults())
                        .compile(PLAIN)
                        .encode(new Point(1, 2))))
                .as("a record is a fine bean model too")
                .isEqualTo("{'x':1,'y':2}");
        assertThatThrownBy(() ->
                        RecordDTO.of((Class) Owner.class, DTOConfig.defaults()).compile(PLAIN))
                .isInstanceOf(ImproperlyConfiguredException.class)
                .hasMessageContaining("is not a record");
    }
}
