package dev.rigel.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigel.di.Outcome;
import org.junit.jupiter.api.Test;

class TransactionModeTest {

    static final int[] STATUSES = {200, 201, 204, 301, 303, 400, 404, 409, 500, 503};

    static String commits(TransactionMode mode) {
        StringBuilder committed = new StringBuilder();
        for (int status : STATUSES) {
            if (mode.commits(Outcome.success(status))) {
                committed.append(status).append(' ');
            }
        }
        return committed.toString().strip();
    }

    @Test
    void eachModeCommitsItsStatuses() {
        assertThat(commits(TransactionMode.MANUAL)).isEmpty();
        assertThat(commits(TransactionMode.AUTOCOMMIT)).isEqualTo("200 201 204");
        assertThat(commits(TransactionMode.AUTOCOMMIT_INCLUDE_REDIRECTS)).isEqualTo("200 201 204 301 303");
    }

    @Test
    void aFailedRequestNeverCommitsWhateverItsStatus() {
        for (TransactionMode mode : TransactionMode.values()) {
            assertThat(mode.commits(Outcome.failed(new IllegalStateException(), 200)))
                    .isFalse();
            assertThat(mode.commits(Outcome.failed(new IllegalStateException(), 500)))
                    .isFalse();
        }
    }
}
