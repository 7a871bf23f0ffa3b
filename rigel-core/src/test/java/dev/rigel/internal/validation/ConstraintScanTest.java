package dev.rigel.internal.validation;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.Constraint;
import jakarta.validation.GroupSequence;
import jakarta.validation.Payload;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** "Not constrained" must be certain: every way Hibernate Validator could find a constraint answers "maybe". */
class ConstraintScanTest {

    static final class Plain {
        String name;

        @Deprecated
        String old() {
            return name;
        }

        void handle(String name, List<Map<String, Integer>> values) {}
    }

    record PlainRecord(String name, int size) {}

    record ComponentConstraint(@Min(1) int size) {}

    static final class FieldConstraint {
        @NotBlank
        String name;
    }

    static final class TypeArgumentConstraint {
        List<@NotBlank String> names;
    }

    static final class CascadedParameter {
        void handle(@Valid PlainRecord body) {}
    }

    static final class ParameterConstraint {
        ParameterConstraint(@Min(1) int size) {}
    }

    static final class ConstrainedGetter {
        @Min(1)
        int getSize() {
            return 0;
        }
    }

    static class ConstrainedParent {
        @NotBlank
        String name;
    }

    static final class Child extends ConstrainedParent {}

    interface ConstrainedContract {
        void handle(@NotBlank String name);
    }

    static final class Implementation implements ConstrainedContract {
        @Override
        public void handle(String name) {}
    }

    @GroupSequence({Sequenced.class})
    static final class Sequenced {}

    @Target({ElementType.FIELD, ElementType.TYPE_USE})
    @Retention(RetentionPolicy.RUNTIME)
    @Constraint(validatedBy = {})
    @Repeatable(Mine.List.class)
    @interface Mine {
        String message() default "mine";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};

        @Target(ElementType.FIELD)
        @Retention(RetentionPolicy.RUNTIME)
        @interface List {
            Mine[] value();
        }
    }

    static final class CustomConstraint {
        @Mine
        String name;
    }

    static final class RepeatedCustomConstraint {
        @Mine
        @Mine
        String name;
    }

    @Test
    void classesWithoutConstraintsAreCertainlyNotConstrained() {
        assertThat(ConstraintScan.mayBeConstrained(Plain.class)).isFalse();
        assertThat(ConstraintScan.mayBeConstrained(PlainRecord.class)).isFalse();
        assertThat(ConstraintScan.mayHaveParameterConstraints(Plain.class.getDeclaredMethods()[0]))
                .isFalse();
    }

    @Test
    void everyPlaceAConstraintCanSitIsFound() {
        for (Class<?> type : List.of(
                ComponentConstraint.class,
                FieldConstraint.class,
                TypeArgumentConstraint.class,
                CascadedParameter.class,
                ParameterConstraint.class,
                ConstrainedGetter.class,
                Child.class,
                Implementation.class,
                Sequenced.class,
                CustomConstraint.class,
                RepeatedCustomConstraint.class)) {
            assertThat(ConstraintScan.mayBeConstrained(type))
                    .as(type.getSimpleName())
                    .isTrue();
        }
    }

    @Test
    void anUnconstrainedHandlerNeedsNoParameterValidation() throws NoSuchMethodException {
        assertThat(BeanValidation.hasParameterConstraints(
                        Plain.class.getDeclaredMethod("handle", String.class, List.class)))
                .isFalse();
        assertThat(BeanValidation.hasParameterConstraints(
                        CascadedParameter.class.getDeclaredMethod("handle", PlainRecord.class)))
                .isTrue();
        assertThat(BeanValidation.isConstrained(Plain.class)).isFalse();
        assertThat(BeanValidation.isConstrained(FieldConstraint.class)).isTrue();
    }
}
