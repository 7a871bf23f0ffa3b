package dev.rigel.dto;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RenameStrategyTest {

    @Test
    void builtInStrategiesSplitJavaNamesIntoWords() {
        assertThat(RenameStrategy.SNAKE.rename("createdAt")).isEqualTo("created_at");
        assertThat(RenameStrategy.KEBAB.rename("createdAt")).isEqualTo("created-at");
        assertThat(RenameStrategy.CAMEL.rename("created_at")).isEqualTo("createdAt");
        assertThat(RenameStrategy.CAMEL.rename("createdAt")).isEqualTo("createdAt");
        assertThat(RenameStrategy.PASCAL.rename("createdAt")).isEqualTo("CreatedAt");
        assertThat(RenameStrategy.UPPER.rename("createdAt")).isEqualTo("CREATEDAT");
        assertThat(RenameStrategy.LOWER.rename("createdAt")).isEqualTo("createdat");
    }

    @Test
    void acronymsAndDigitsStartWords() {
        assertThat(RenameStrategy.SNAKE.rename("userID")).isEqualTo("user_id");
        assertThat(RenameStrategy.SNAKE.rename("URLPath")).isEqualTo("url_path");
        assertThat(RenameStrategy.SNAKE.rename("address2Line")).isEqualTo("address2_line");
        assertThat(RenameStrategy.PASCAL.rename("id")).isEqualTo("Id");
        assertThat(RenameStrategy.CAMEL.rename("HTTPStatus")).isEqualTo("httpStatus");
    }

    @Test
    void anyFunctionIsAStrategy() {
        RenameStrategy prefixed = name -> "x_" + name;

        assertThat(prefixed.rename("id")).isEqualTo("x_id");
    }
}
