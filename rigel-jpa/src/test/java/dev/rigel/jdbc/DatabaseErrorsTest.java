package dev.rigel.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigel.exceptions.ConflictException;
import dev.rigel.exceptions.HttpException;
import dev.rigel.exceptions.NotFoundException;
import dev.rigel.exceptions.ServiceUnavailableException;
import dev.rigel.exceptions.ValidationError;
import dev.rigel.exceptions.ValidationException;
import dev.rigel.jdbc.internal.ConstraintNames;
import dev.rigel.jdbc.internal.DatabaseErrors;
import dev.rigel.jpa.validmodel.Gadget;
import jakarta.persistence.EntityNotFoundException;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.RollbackException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Map;
import org.hibernate.ObjectNotFoundException;
import org.hibernate.exception.ConstraintViolationException;
import org.hibernate.exception.ConstraintViolationException.ConstraintKind;
import org.junit.jupiter.api.Test;

/** Which database failures become which HTTP errors, wherever they sit in the cause chain. */
class DatabaseErrorsTest {

    static HttpException translate(Throwable failure) {
        return DatabaseErrors.translate(failure, sql -> "named_by_extractor").orElse(null);
    }

    @Test
    void constraintViolationsAre409NamingTheConstraintButNotTheSql() {
        SQLException driver = new SQLException("insert into users … duplicate", "23505");
        HttpException conflict = translate(new RollbackException(
                "commit failed",
                new ConstraintViolationException(
                        "could not execute statement [insert into users …]",
                        driver,
                        ConstraintKind.UNIQUE,
                        "PUBLIC.UK_USERS_EMAIL INDEX PUBLIC.UK_USERS_EMAIL_INDEX_3")));
        assertThat(conflict).isInstanceOf(ConflictException.class);
        assertThat(conflict.detail())
                .isEqualTo("Unique constraint uk_users_email violated: a row with the same value already exists")
                .doesNotContain("insert");
        assertThat(conflict.extra()).isEqualTo(Map.of("constraint", "uk_users_email", "kind", "unique"));
    }

    @Test
    void entityValidationFailuresAre400sKeyedByPropertyPathWhereverTheySit() {
        var violations =
                dev.rigel.internal.validation.BeanValidation.validator().validate(new Gadget(" ", 0, -2));
        var invalid = new jakarta.validation.ConstraintViolationException(violations);
        HttpException error = DatabaseErrors.translate(
                        new RollbackException("commit failed", invalid),
                        null,
                        "PUT",
                        "/gadgets/1",
                        name -> name.toUpperCase(java.util.Locale.ROOT))
                .orElseThrow();
        assertThat(error).isInstanceOf(ValidationException.class);
        assertThat(error.statusCode()).isEqualTo(400);
        assertThat(error.detail()).isEqualTo("Validation failed for PUT /gadgets/1");
        assertThat(((ValidationException) error).errors())
                .containsExactly(
                        new ValidationError("BOX.WIDTH", "must be greater than 0", "body"),
                        new ValidationError("DISPLAYNAME", "must not be blank", "body"),
                        new ValidationError("QUANTITY", "must be greater than or equal to 1", "body"));
        // outside a request: the plain detail and the Java names
        assertThat(translate(invalid).detail()).isEqualTo("Validation failed");
        assertThat(((ValidationException) translate(invalid)).errors())
                .extracting(ValidationError::key)
                .containsExactly("box.width", "displayName", "quantity");
    }

    @Test
    void plainSqlExceptionsAreClassifiedBySqlState() {
        assertThat(translate(new SQLException("x", "23503")).extra())
                .isEqualTo(Map.of("constraint", "named_by_extractor", "kind", "foreign_key"));
        assertThat(translate(new SQLException("x", "23506")).extra())
                .isEqualTo(Map.of("constraint", "named_by_extractor", "kind", "foreign_key"));
        assertThat(translate(new SQLException("x", "23502")).detail())
                .isEqualTo("Not-null constraint named_by_extractor violated: a required value is missing");
        assertThat(translate(new SQLException("x", "23514")).detail())
                .isEqualTo("Check constraint named_by_extractor violated");
        assertThat(translate(new SQLException("x", "23000")).detail())
                .isEqualTo("Integrity constraint named_by_extractor violated");
        HttpException unnamed =
                DatabaseErrors.translate(new SQLException("x", "23505"), null).orElseThrow();
        assertThat(unnamed.detail()).isEqualTo("Unique constraint violated: a row with the same value already exists");
        assertThat(unnamed.extra()).isEqualTo(Map.of("kind", "unique"));
    }

    @Test
    void missingRowsAre404() {
        assertThat(translate(new ObjectNotFoundException("com.example.Author", 42L)))
                .isInstanceOf(NotFoundException.class)
                .extracting(HttpException::detail)
                .isEqualTo("Author 42 not found");
        assertThat(translate(new EntityNotFoundException("Unable to find Author with id 7"))
                        .detail())
                .isEqualTo("Unable to find Author with id 7");
    }

    @Test
    void concurrentChangesAre409() {
        assertThat(translate(new OptimisticLockException("row was updated"))).isInstanceOf(ConflictException.class);
    }

    @Test
    void noConnectionIs503() {
        HttpException exhausted = translate(new PersistenceException(
                "Unable to acquire JDBC Connection",
                new SQLTransientConnectionException(
                        "pool - Connection is not available, request timed out after 300ms")));
        assertThat(exhausted).isInstanceOf(ServiceUnavailableException.class);
        assertThat(exhausted.detail()).contains("connection pool is exhausted");
        assertThat(exhausted.headers()).containsEntry("Retry-After", "1");

        SQLTransientConnectionException refused = new SQLTransientConnectionException("pool - not available");
        refused.initCause(new ConnectException("Connection refused"));
        assertThat(translate(refused).detail()).isEqualTo("The database cannot be reached; try again shortly");
        assertThat(translate(new SQLException("connection failure", "08006")).statusCode())
                .isEqualTo(503);
    }

    /** Issue 21: a connection the server ended mid-request (pg_terminate_backend) was a 500. */
    @Test
    void aConnectionLostMidRequestIs503WithRetryAfter() {
        for (String state : new String[] {"57P01", "57P02", "08003", "08006", "08007"}) {
            HttpException lost = translate(new PersistenceException(
                    "JDBC exception executing SQL", new SQLException("terminating connection", state)));
            assertThat(lost).as(state).isInstanceOf(ServiceUnavailableException.class);
            assertThat(lost.detail()).isEqualTo("The database connection was lost; try again shortly");
            assertThat(lost.headers()).containsEntry("Retry-After", "5");
        }
        assertThat(translate(new SQLException("the database system is starting up", "57P03"))
                        .detail())
                .isEqualTo("The database cannot be reached; try again shortly");
        assertThat(DatabaseErrors.translate(new SQLException("canceled by user", "57014"), null))
                .isEmpty();
    }

    @Test
    void otherFailuresAreLeftAlone() {
        assertThat(DatabaseErrors.translate(new PersistenceException("syntax error"), null))
                .isEmpty();
        assertThat(DatabaseErrors.translate(new SQLException("syntax error", "42601"), null))
                .isEmpty();
        assertThat(DatabaseErrors.translate(new SQLException("no state"), null)).isEmpty();
        assertThat(DatabaseErrors.translate(new IllegalStateException("unrelated"), null))
                .isEmpty();
    }

    @Test
    void constraintNamesAreNormalised() {
        assertThat(ConstraintNames.normalise("PUBLIC.UK_USERS_EMAIL INDEX PUBLIC.UK_USERS_EMAIL_INDEX_3"))
                .isEqualTo("uk_users_email");
        assertThat(ConstraintNames.normalise("FK_ORDERS_USER")).isEqualTo("fk_orders_user");
        assertThat(ConstraintNames.normalise("users_email_key")).isEqualTo("users_email_key");
        assertThat(ConstraintNames.normalise("shop.\"MixedCase\"")).isEqualTo("MixedCase");
        assertThat(ConstraintNames.normalise(" ")).isNull();
        assertThat(ConstraintNames.normalise(null)).isNull();
    }
}
