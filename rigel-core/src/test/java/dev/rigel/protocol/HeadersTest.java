package dev.rigel.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeadersTest {

    @Test
    void namesAreCaseInsensitiveAndKeepTheirCase() {
        Headers headers = Headers.of("Content-Type", "text/plain", "X-Trace", "1");

        assertThat(headers.get("content-type")).isEqualTo("text/plain");
        assertThat(headers.get("CONTENT-TYPE")).isEqualTo("text/plain");
        assertThat(headers.contains("x-trace")).isTrue();
        assertThat(headers.first("x-missing")).isEmpty();
        assertThat(headers.get("x-missing")).isNull();
        assertThat(headers.nameAt(0)).isEqualTo("Content-Type");
        assertThat(headers.valueAt(1)).isEqualTo("1");
    }

    @Test
    void addKeepsRepeatedFieldsInOrder() {
        Headers headers = new Headers().add("Set-Cookie", "a=1").add("x", "y").add("set-cookie", "b=2");

        assertThat(headers.get("set-cookie")).isEqualTo("a=1");
        assertThat(headers.getAll("SET-COOKIE")).containsExactly("a=1", "b=2");
        assertThat(headers.getAll("none")).isEmpty();
        assertThat(headers.size()).isEqualTo(3);
        assertThat(headers.names()).containsExactly("set-cookie", "x");
    }

    @Test
    void setReplacesEveryValue() {
        Headers headers = new Headers().add("Vary", "a").add("vary", "b").add("other", "1");

        headers.set("VARY", "c");

        assertThat(headers.getAll("vary")).containsExactly("c");
        assertThat(headers.size()).isEqualTo(2);
        assertThat(headers.get("other")).isEqualTo("1");
    }

    @Test
    void setIfAbsentKeepsAnExistingValue() {
        Headers headers = Headers.of("content-type", "text/html");

        headers.setIfAbsent("Content-Type", "application/json").setIfAbsent("content-length", "0");

        assertThat(headers.get("content-type")).isEqualTo("text/html");
        assertThat(headers.get("content-length")).isEqualTo("0");
    }

    @Test
    void removeDropsEveryValueAndSaysWhetherItDid() {
        Headers headers = Headers.of("a", "1", "B", "2", "A", "3");

        assertThat(headers.remove("a")).isTrue();
        assertThat(headers.remove("a")).isFalse();
        assertThat(headers.size()).isEqualTo(1);
        assertThat(headers.get("b")).isEqualTo("2");
        assertThat(headers.isEmpty()).isFalse();
        headers.remove("b");
        assertThat(headers.isEmpty()).isTrue();
    }

    @Test
    void growsBeyondItsInitialCapacity() {
        Headers headers = new Headers(1);
        for (int i = 0; i < 50; i++) {
            headers.add("h" + i, Integer.toString(i));
        }

        assertThat(headers.size()).isEqualTo(50);
        assertThat(headers.get("H49")).isEqualTo("49");
        assertThat(headers.get("h0")).isEqualTo("0");
    }

    @Test
    void copiesAreIndependent() {
        Headers original = Headers.of("a", "1");
        Headers copy = original.copy();

        copy.set("a", "2").add("b", "3");
        original.add("c", "4");

        assertThat(original.getAll("a")).containsExactly("1");
        assertThat(original.contains("b")).isFalse();
        assertThat(copy.getAll("a")).containsExactly("2");
        assertThat(copy.contains("c")).isFalse();
    }

    @Test
    void addAllAppends() {
        Headers headers = Headers.of("a", "1").addAll(Headers.of("a", "2", "b", "3"));

        assertThat(headers.getAll("a")).containsExactly("1", "2");
        assertThat(headers.get("b")).isEqualTo("3");
    }

    @Test
    void iteratesInInsertionOrder() {
        Headers headers = Headers.of("b", "1", "a", "2");
        List<Map.Entry<String, String>> seen = new ArrayList<>();
        for (Map.Entry<String, String> entry : headers) {
            seen.add(entry);
        }
        List<String> visited = new ArrayList<>();
        headers.forEach((name, value) -> visited.add(name + "=" + value));

        assertThat(seen).containsExactly(Map.entry("b", "1"), Map.entry("a", "2"));
        assertThat(visited).containsExactly("b=1", "a=2");
        assertThat(headers).hasToString("Headers[b: 1, a: 2]");
    }

    @Test
    void rejectsInvalidInput() {
        assertThatThrownBy(() -> Headers.of("only-a-name")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Headers().add("", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Headers().add(null, "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Headers().add("x", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Headers().nameAt(0)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> Headers.of("a", "1").valueAt(1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> Headers.of("a", "1").valueAt(-1)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
