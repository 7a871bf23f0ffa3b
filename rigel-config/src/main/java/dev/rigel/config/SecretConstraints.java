package dev.rigel.config;

import dev.rigel.security.SecretString;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import org.hibernate.validator.HibernateValidator;
import org.hibernate.validator.HibernateValidatorConfiguration;
import org.hibernate.validator.cfg.ConstraintMapping;

/**
 * Lets {@code @Size}, {@code @NotBlank} and {@code @NotEmpty} check a {@link SecretString} (a JWT
 * secret of at least 32 bytes, say) by its length alone, so the secret never reaches a message.
 */
final class SecretConstraints {

    private SecretConstraints() {}

    static ValidatorFactory validatorFactory() {
        HibernateValidatorConfiguration configuration =
                Validation.byProvider(HibernateValidator.class).configure();
        ConstraintMapping mapping = configuration.createConstraintMapping();
        mapping.constraintDefinition(Size.class).includeExistingValidators(true).validatedBy(SizeOfSecret.class);
        mapping.constraintDefinition(NotBlank.class)
                .includeExistingValidators(true)
                .validatedBy(NotBlankSecret.class);
        mapping.constraintDefinition(NotEmpty.class)
                .includeExistingValidators(true)
                .validatedBy(NotEmptySecret.class);
        return configuration.addMapping(mapping).buildValidatorFactory();
    }

    /** {@code @Size} on a secret: its length in characters. */
    public static final class SizeOfSecret implements ConstraintValidator<Size, SecretString> {
        private int min;
        private int max;

        @Override
        public void initialize(Size size) {
            min = size.min();
            max = size.max();
        }

        @Override
        public boolean isValid(SecretString value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            int length = value.reveal().length();
            return length >= min && length <= max;
        }
    }

    /** {@code @NotBlank} on a secret. */
    public static final class NotBlankSecret implements ConstraintValidator<NotBlank, SecretString> {
        @Override
        public boolean isValid(SecretString value, ConstraintValidatorContext context) {
            return value != null && !value.reveal().isBlank();
        }
    }

    /** {@code @NotEmpty} on a secret. */
    public static final class NotEmptySecret implements ConstraintValidator<NotEmpty, SecretString> {
        @Override
        public boolean isValid(SecretString value, ConstraintValidatorContext context) {
            return value != null && !value.isEmpty();
        }
    }
}
