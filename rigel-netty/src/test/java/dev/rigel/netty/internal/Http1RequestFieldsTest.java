package dev.rigel.netty.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The request head's fields answer what Netty's own code asks of a request's headers. */
class Http1RequestFieldsTest {

    private static HttpHeaders fields(String... namesAndValues) {
        HttpHeaders headers = Http1RequestFields.FACTORY.newHeaders();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            headers.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return headers;
    }

    @Test
    void lookupsIgnoreCaseAndKeepOrderAndRepeats() {
        HttpHeaders headers = fields("Host", "a", "Connection", "keep-alive", "connection", "Upgrade", "X-N", "42");
        assertThat(headers.get("host")).isEqualTo("a");
        assertThat(headers.get(HttpHeaderNames.HOST)).isEqualTo("a");
        assertThat(headers.getAll(HttpHeaderNames.CONNECTION)).containsExactly("keep-alive", "Upgrade");
        assertThat(headers.contains("CONNECTION")).isTrue();
        assertThat(headers.contains("absent")).isFalse();
        assertThat(headers.containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE, true))
                .isTrue();
        assertThat(headers.contains(HttpHeaderNames.CONNECTION, "close", true)).isFalse();
        assertThat(headers.getInt("x-n")).isEqualTo(42);
        assertThat(headers.getShort("x-n")).isEqualTo((short) 42);
        assertThat(headers.getInt("host")).isNull();
        assertThat(headers.getInt("absent", 7)).isEqualTo(7);
        assertThat(headers.size()).isEqualTo(4);
        assertThat(headers.isEmpty()).isFalse();
        assertThat(headers.names()).containsExactly("host", "connection", "x-n");
        List<String> seen = new ArrayList<>();
        headers.iteratorCharSequence().forEachRemaining(e -> seen.add(e.getKey() + "=" + e.getValue()));
        assertThat(seen).containsExactly("Host=a", "Connection=keep-alive", "connection=Upgrade", "X-N=42");
        assertThat(headers.entries()).first().isEqualTo(Map.entry("Host", "a"));
    }

    @Test
    void setRemoveAndClearChangeTheFieldsTheScopeGets() {
        Http1RequestFields headers =
                (Http1RequestFields) fields("Content-Length", "5", "content-length", "5", "A", "1");
        headers.set(HttpHeaderNames.CONTENT_LENGTH, 5L);
        assertThat(headers.fields().getAll("content-length")).containsExactly("5");
        assertThat(headers.fields().nameAt(0)).isEqualTo("A");
        headers.setInt("B", 2).addShort("B", (short) 3);
        assertThat(headers.getAll("b")).containsExactly("2", "3");
        headers.set("B", List.of("x", "y"));
        assertThat(headers.getAll("b")).containsExactly("x", "y");
        headers.remove("a");
        assertThat(headers.contains("A")).isFalse();
        headers.clear();
        assertThat(headers.isEmpty()).isTrue();
        assertThat(headers.fields().size()).isZero();
    }

    @Test
    void datesAreWrittenAndReadInTheHttpFormat() {
        HttpHeaders headers = Http1RequestFields.FACTORY.newHeaders();
        headers.add("If-Modified-Since", new Date(784111777000L));
        assertThat(headers.get("if-modified-since")).isEqualTo("Sun, 06 Nov 1994 08:49:37 GMT");
        assertThat(headers.getTimeMillis("if-modified-since")).isEqualTo(784111777000L);
        headers.set("Bad-Date", "yesterday");
        assertThat(headers.getTimeMillis("bad-date")).isNull();
        assertThat(headers.getTimeMillis("bad-date", -1)).isEqualTo(-1);
    }

    @Test
    void netty_sKeepAliveAndContentLengthHelpersReadThem() {
        DefaultHttpRequest request =
                new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/", Http1RequestFields.FACTORY);
        request.headers().add("Connection", "close").add("Content-Length", "12");
        assertThat(HttpUtil.isKeepAlive(request)).isFalse();
        assertThat(HttpUtil.getContentLength(request)).isEqualTo(12);
        assertThat(HttpUtil.isTransferEncodingChunked(request)).isFalse();
    }

    @Test
    void namesMustBeTokensAndValuesFreeOfControls() {
        for (String name : new String[] {"", "a b", "a:b", "a(b", "a\u00e9", "a\u0100", "a\"b", "{a}"}) {
            assertThatThrownBy(() -> fields(name, "v")).as(name).isInstanceOf(IllegalArgumentException.class);
        }
        for (String value : new String[] {"a\rb", "a\nb", "a\u0000b", "a\u007fb", " lead", "\tlead"}) {
            assertThatThrownBy(() -> fields("X", value)).as(value).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> Http1RequestFields.FACTORY.newHeaders().set("X", List.of("ok", "a\nb")))
                .isInstanceOf(IllegalArgumentException.class);
        HttpHeaders fine = fields("!#$%&'*+-.^_`|~09azAZ", "a\tb caf\u00e9 trailing ", "X", "");
        assertThat(fine.get("x")).isEmpty();
        assertThat(fine.get("!#$%&'*+-.^_`|~09AZAZ")).isEqualTo("a\tb caf\u00e9 trailing ");
    }
}
