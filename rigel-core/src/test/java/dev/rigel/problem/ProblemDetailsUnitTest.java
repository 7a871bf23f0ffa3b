package dev.rigel.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigel.exceptions.HttpException;
import dev.rigel.exceptions.InternalServerException;
import dev.rigel.exceptions.NotFoundException;
import dev.rigel.exceptions.ValidationError;
import dev.rigel.exceptions.ValidationException;
import dev.rigel.http.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProblemDetailsUnitTest {

    @Test
    void aBareProblemIsAboutBlankTitledWithTheReasonPhrase() {
        assertThat(new ProblemDetailsException(404).toProblem())
                .containsExactly(
                        Map.entry("type", "about:blank"), Map.entry("title", "Not Found"), Map.entry("status", 404));
    }

    @Test
    void aTypedProblemHasNoTitleUnlessGivenAndKeepsItsMembersInOrder() {
        ProblemDetailsException problem = new ProblemDetailsException(403, "Your balance is 30, but that costs 50.")
                .type("https://example.com/probs/out-of-credit")
                .instance("/account/12345/msgs/abc")
                .extension("balance", 30)
                .extension("accounts", List.of("/account/12345"));
        assertThat(problem.toProblem())
                .containsExactly(
                        Map.entry("type", "https://example.com/probs/out-of-credit"),
                        Map.entry("status", 403),
                        Map.entry("detail", "Your balance is 30, but that costs 50."),
                        Map.entry("instance", "/account/12345/msgs/abc"),
                        Map.entry("balance", 30),
                        Map.entry("accounts", List.of("/account/12345")));
        assertThat(problem.title("You do not have enough credit.").toProblem())
                .containsEntry("title", "You do not have enough credit.");
    }

    @Test
    void extensionsCannotReplaceStandardMembers() {
        assertThatThrownBy(() -> new ProblemDetailsException(400).extension("status", 200))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("standard problem-details member");
    }

    @Test
    void httpExceptionsConvertWithTheirDetailHeadersAndExtra() {
        ProblemDetailsException notFound = ProblemDetailsHandler.fromHttpException(new NotFoundException("User 7"));
        assertThat(notFound.toProblem()).containsEntry("status", 404).containsEntry("detail", "User 7");

        ValidationException invalid = ValidationException.forRequest(
                "POST", "/users", List.of(new ValidationError("name", "must not be blank", "body")));
        assertThat(ProblemDetailsHandler.fromHttpException(invalid).toProblem())
                .containsEntry("status", 400)
                .containsEntry("detail", "Validation failed for POST /users")
                .containsEntry("errors", List.of(new ValidationError("name", "must not be blank", "body")));

        HttpException withMap =
                new HttpException(429, "Slow down", Map.of("Retry-After", "5"), Map.of("limit", 10, "status", 1));
        ProblemDetailsException limited = ProblemDetailsHandler.fromHttpException(withMap);
        assertThat(limited.toProblem()).containsEntry("limit", 10).containsEntry("status", 429);
        assertThat(limited.headers()).containsEntry("Retry-After", "5");
    }

    @Test
    void aServerErrorSaysNoMoreThanItsStatus() {
        HttpException leaky = new InternalServerException("connection to db.internal:5432 refused", Map.of("sql", "x"));
        assertThat(ProblemDetailsHandler.fromHttpException(leaky).toProblem())
                .containsExactly(
                        Map.entry("type", "about:blank"),
                        Map.entry("title", "Internal Server Error"),
                        Map.entry("status", 500));
    }

    @Test
    void theHandlerDeclinesWhatTheConfigDoesNotCover() throws Exception {
        var plain = ProblemDetailsConfig.create().exceptionHandler();
        assertThat(plain.handle(null, new NotFoundException())).isNull();
        assertThat(plain.handle(null, new IllegalStateException())).isNull();
        Response<?> answered = plain.handle(null, new ProblemDetailsException(409, "taken"));
        assertThat(answered.statusCode()).isEqualTo(409);
        assertThat(answered.mediaType()).isEqualTo("application/problem+json");

        var mapped = ProblemDetailsConfig.create()
                .map(IllegalArgumentException.class, e -> new ProblemDetailsException(422, e.getMessage()))
                .exceptionHandler();
        assertThat(mapped.handle(null, new NumberFormatException("not a number"))
                        .statusCode())
                .isEqualTo(422);
        assertThat(mapped.handle(null, new IllegalStateException())).isNull();
    }
}
