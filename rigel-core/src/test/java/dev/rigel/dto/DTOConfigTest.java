package dev.rigel.dto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DTOConfigTest {

    @Test
    void defaultsTransferEverythingBothWaysOneLevelDeep() {
        DTOConfig config = DTOConfig.defaults();

        assertThat(config.include()).isEmpty();
        assertThat(config.exclude()).isEmpty();
        assertThat(config.renameFields()).isEmpty();
        assertThat(config.renameStrategy()).isNull();
        assertThat(config.partial()).isFalse();
        assertThat(config.maxNestedDepth()).isEqualTo(1);
        assertThat(config.forbidUnknownFields()).isFalse();
    }

    @Test
    void includeAndExcludeCannotBeCombined() {
        assertThatThrownBy(
                        () -> DTOConfig.builder().include("name").exclude("id").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot be combined");
    }

    @Test
    void refusesStringsThatAreNotFieldPaths() {
        for (String bad : new String[] {"", ".name", "name.", "address..street"}) {
            assertThatThrownBy(() -> DTOConfig.builder().exclude(bad))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not a field path");
        }
        assertThatThrownBy(() -> DTOConfig.builder().include((String) null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesANegativeDepthAndAnEmptyNewName() {
        assertThatThrownBy(() -> DTOConfig.builder().maxNestedDepth(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DTOConfig.builder().rename("name", "")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keepsWhatWasSetAndCannotBeChangedAfterwards() {
        DTOConfig config = DTOConfig.builder()
                .exclude("a", "b.c")
                .renameFields(Map.of("d", "D"))
                .renameStrategy(RenameStrategy.KEBAB)
                .partial(true)
                .maxNestedDepth(3)
                .forbidUnknownFields(true)
                .build();

        assertThat(config.exclude()).containsExactly("a", "b.c");
        assertThat(config.renameFields()).containsEntry("d", "D");
        assertThat(config.renameStrategy()).isSameAs(RenameStrategy.KEBAB);
        assertThat(config.partial()).isTrue();
        assertThat(config.maxNestedDepth()).isEqualTo(3);
        assertThat(config.forbidUnknownFields()).isTrue();
        assertThatThrownBy(() -> config.exclude().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }
}
