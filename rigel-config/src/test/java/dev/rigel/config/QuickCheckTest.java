package dev.rigel.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigel.security.SecretString;
import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.Valid;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The quick check may only clear what Hibernate Validator would clear: every case it does not
 * understand, and every violation, goes to the validator.
 */
class QuickCheckTest {

    public record Plain(
            @NotBlank String host,
            @Min(0) @Max(65535) int port,
            @Positive Long count,
            @Size(min = 2, max = 4) List<String> tags,
            @NotEmpty Map<String, String> labels,

            @Pattern(regexp = "[a-z]+", flags = Pattern.Flag.CASE_INSENSITIVE)
            String name,

            @Size(min = 8) SecretString token,
            @NotNull BigDecimal ratio) {}

    private static Plain plain() {
        return new Plain(
                "localhost",
                8000,
                1L,
                List.of("a", "b"),
                Map.of("k", "v"),
                "Rigel",
                SecretString.of("12345678"),
                BigDecimal.ONE);
    }

    public record Outer(@Valid Inner inner) {}

    public record Inner(@Min(1) int size) {}

    public record WithEmail(@Email String email) {}

    public record WithGroups(
            @Min(value = 1, groups = Strict.class) int size) {}

    interface Strict {}

    public record WithDouble(@Min(1) double ratio) {}

    public record WithDecimal(@DecimalMin("0.5") BigDecimal ratio) {}

    public record WithElementConstraint(List<@NotBlank String> names) {}

    public record WithOptional(@Min(1) Optional<Integer> size) {}

    public record WithGetterCheck(int low, int high) {
        @AssertTrue
        public boolean isOrdered() {
            return low <= high;
        }
    }

    public interface Named {
        @NotBlank
        String name();
    }

    public record WithInterface(String name) implements Named {}

    @Target({ElementType.FIELD, ElementType.METHOD, ElementType.TYPE_USE})
    @Retention(RetentionPolicy.RUNTIME)
    @Constraint(validatedBy = {})
    @Repeatable(Mine.List.class)
    public @interface Mine {
        String message() default "mine";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};

        @Target({ElementType.FIELD, ElementType.METHOD})
        @Retention(RetentionPolicy.RUNTIME)
        @interface List {
            Mine[] value();
        }
    }

    public record WithCustom(@Mine String name) {}

    public record WithRepeatedCustom(@Mine @Mine String name) {}

    @Test
    void clearsARecordWhosePlainConstraintsHold() {
        assertThat(QuickCheck.certainlyValid(plain())).isTrue();
        assertThat(QuickCheck.certainlyValid(new Outer(new Inner(2)))).isTrue();
        assertThat(QuickCheck.certainlyValid(new Outer(null))).isTrue();
        assertThat(QuickCheck.certainlyValid(
                        new ServerSettings("127.0.0.1", 0, 0, 0, 1024, null, null, null, null, true, null, null)))
                .isTrue();
    }

    @Test
    void everyViolationGoesToTheValidator() {
        Plain ok = plain();
        List<Plain> bad = List.of(
                new Plain(" ", ok.port(), ok.count(), ok.tags(), ok.labels(), ok.name(), ok.token(), ok.ratio()),
                new Plain(null, ok.port(), ok.count(), ok.tags(), ok.labels(), ok.name(), ok.token(), ok.ratio()),
                new Plain(ok.host(), -1, ok.count(), ok.tags(), ok.labels(), ok.name(), ok.token(), ok.ratio()),
                new Plain(ok.host(), 65536, ok.count(), ok.tags(), ok.labels(), ok.name(), ok.token(), ok.ratio()),
                new Plain(ok.host(), ok.port(), 0L, ok.tags(), ok.labels(), ok.name(), ok.token(), ok.ratio()),
                new Plain(
                        ok.host(), ok.port(), ok.count(), List.of("a"), ok.labels(), ok.name(), ok.token(), ok.ratio()),
                new Plain(ok.host(), ok.port(), ok.count(), ok.tags(), Map.of(), ok.name(), ok.token(), ok.ratio()),
                new Plain(ok.host(), ok.port(), ok.count(), ok.tags(), ok.labels(), "r1", ok.token(), ok.ratio()),
                new Plain(
                        ok.host(),
                        ok.port(),
                        ok.count(),
                        ok.tags(),
                        ok.labels(),
                        ok.name(),
                        SecretString.of("short"),
                        ok.ratio()),
                new Plain(ok.host(), ok.port(), ok.count(), ok.tags(), ok.labels(), ok.name(), ok.token(), null));
        for (Plain each : bad) {
            assertThat(QuickCheck.certainlyValid(each)).as(each.toString()).isFalse();
        }
        assertThat(QuickCheck.certainlyValid(new Outer(new Inner(0)))).isFalse();
    }

    @Test
    void whatItDoesNotUnderstandGoesToTheValidatorEvenWhenValid() {
        assertThat(QuickCheck.certainlyValid(new WithEmail("ada@example.com"))).isFalse();
        assertThat(QuickCheck.certainlyValid(new WithGroups(5))).isFalse();
        assertThat(QuickCheck.certainlyValid(new WithDouble(2.0))).isFalse();
        assertThat(QuickCheck.certainlyValid(new WithDecimal(BigDecimal.ONE))).isFalse();
        assertThat(QuickCheck.certainlyValid(new WithElementConstraint(List.of("a"))))
                .isFalse();
        assertThat(QuickCheck.certainlyValid(new WithOptional(Optional.of(2)))).isFalse();
        assertThat(QuickCheck.certainlyValid(new WithGetterCheck(1, 2))).isFalse();
        assertThat(QuickCheck.certainlyValid(new WithInterface("x"))).isFalse();
        assertThat(QuickCheck.certainlyValid(new WithCustom("x"))).isFalse();
        assertThat(QuickCheck.certainlyValid(new WithRepeatedCustom("x"))).isFalse();
    }

    public record App(
            @Valid ServerSettings server,
            @Default("hello") @NotBlank String greeting) {}

    public record Checked(
            @Default("1") int low, @Default("2") int high) {
        @AssertTrue(message = "low must not exceed high")
        public boolean isOrdered() {
            return low <= high;
        }
    }

    @Test
    void validSettingsBindWithoutBootstrappingTheValidator() {
        AtomicInteger made = new AtomicInteger();
        Map<Class<?>, Object> bound = bind(Map.of("server", ServerSettings.class, "", App.class), Map.of(), () -> {
            made.incrementAndGet();
            return SecretConstraints.validatorFactory();
        });
        assertThat(((App) bound.get(App.class)).greeting()).isEqualTo("hello");
        assertThat(made).hasValue(0);
    }

    @Test
    void aRecordTheQuickCheckCannotClearIsStillValidated() {
        AtomicInteger made = new AtomicInteger();
        Supplier<ValidatorFactory> counting = () -> {
            made.incrementAndGet();
            return SecretConstraints.validatorFactory();
        };
        assertThat(bind(Map.of("", Checked.class), Map.of(), counting)).containsKey(Checked.class);
        assertThat(made).hasValue(1);
        assertThatThrownBy(() -> bind(Map.of("", Checked.class), Map.of("LOW", "3"), counting))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("low must not exceed high");
        assertThatThrownBy(() -> bind(Map.of("server", ServerSettings.class), Map.of("SERVER_PORT", "70000"), counting))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("server.port")
                .hasMessageContaining("must be less than or equal to 65535");
    }

    private static Map<Class<?>, Object> bind(
            Map<String, Class<? extends Record>> records,
            Map<String, String> environment,
            Supplier<ValidatorFactory> validators) {
        Map<Class<? extends Record>, String> roots = new LinkedHashMap<>();
        records.forEach((prefix, type) -> roots.put(type, prefix));
        Schema schema = new Schema(roots, Map.of());
        Map<String, Value> values = Layering.resolve(
                schema,
                List.of(),
                Path.of("does-not-exist"),
                ClassLoader.getPlatformClassLoader(),
                environment,
                Map.of());
        return Binder.bind(schema, values, List.copyOf(roots.keySet()), validators);
    }
}
