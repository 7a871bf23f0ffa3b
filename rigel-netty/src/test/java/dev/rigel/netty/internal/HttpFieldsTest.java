package dev.rigel.netty.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.junit.jupiter.api.Test;

class HttpFieldsTest {

    @Test
    void findsTokensInFieldValues() {
        assertThat(HttpFields.hasToken("close", "close")).isTrue();
        assertThat(HttpFields.hasToken("Keep-Alive", "keep-alive")).isTrue();
        assertThat(HttpFields.hasToken("keep-alive, Upgrade", "upgrade")).isTrue();
        assertThat(HttpFields.hasToken(" TE ,  close ", "close")).isTrue();
        assertThat(HttpFields.hasToken("closed", "close")).isFalse();
        assertThat(HttpFields.hasToken("not-close", "close")).isFalse();
        assertThat(HttpFields.hasToken("", "close")).isFalse();
        assertThat(HttpFields.hasToken(null, "close")).isFalse();
    }

    @Test
    void classifiesTheFieldsTheServerManages() {
        assertThat(HttpFields.kind("Content-Length")).isEqualTo(HttpFields.CONTENT_LENGTH);
        assertThat(HttpFields.kind(HttpHeaderNames.CONTENT_LENGTH)).isEqualTo(HttpFields.CONTENT_LENGTH);
        assertThat(HttpFields.kind("TRANSFER-ENCODING")).isEqualTo(HttpFields.TRANSFER_ENCODING);
        assertThat(HttpFields.kind("connection")).isEqualTo(HttpFields.CONNECTION);
        assertThat(HttpFields.kind("Keep-Alive")).isEqualTo(HttpFields.KEEP_ALIVE);
        assertThat(HttpFields.kind("date")).isEqualTo(HttpFields.DATE);
        assertThat(HttpFields.kind("Server")).isEqualTo(HttpFields.SERVER);
        assertThat(HttpFields.kind("Expect")).isEqualTo(HttpFields.EXPECT);
        assertThat(HttpFields.kind("x-date")).isEqualTo(HttpFields.OTHER);
        assertThat(HttpFields.kind("content-type")).isEqualTo(HttpFields.OTHER);
    }

    @Test
    void rejectsFieldsThatWouldBreakFraming() {
        HttpFields.validate("x-ok", "a value\twith tab");
        assertThatThrownBy(() -> HttpFields.validate("x-bad", "a\r\nInjected: yes"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HttpFields.validate("bad name", "v")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HttpFields.validate("", "v")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void memoisesStatuses() {
        assertThat(HttpFields.status(200)).isSameAs(HttpResponseStatus.OK);
        assertThat(HttpFields.status(299)).isSameAs(HttpFields.status(299));
        assertThat(HttpFields.status(299).code()).isEqualTo(299);
    }
}
