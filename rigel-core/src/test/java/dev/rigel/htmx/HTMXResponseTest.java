package dev.rigel.htmx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigel.exceptions.ClientException;
import dev.rigel.http.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** htmx's response headers as the builder writes them, and the values htmx percent-encodes. */
class HTMXResponseTest {

    @Test
    void eachSettingIsOneHeader() {
        Response<String> response = HTMXResponse.of("<li>x</li>")
                .pushUrl("/items/3")
                .replaceUrl("/items")
                .retarget("#list")
                .reselect("li")
                .reswap(HXSwap.BEFORE_END)
                .toResponse();
        assertThat(response.content()).isEqualTo("<li>x</li>");
        assertThat(response.headers().get("HX-Push-Url")).isEqualTo("/items/3");
        assertThat(response.headers().get("HX-Replace-Url")).isEqualTo("/items");
        assertThat(response.headers().get("HX-Retarget")).isEqualTo("#list");
        assertThat(response.headers().get("HX-Reselect")).isEqualTo("li");
        assertThat(response.headers().get("HX-Reswap")).isEqualTo("beforeend");
        dev.rigel.protocol.Headers headers = HTMXResponse.of("x")
                .noPushUrl()
                .noReplaceUrl()
                .reswap("outerHTML swap:1s")
                .toResponse()
                .headers();
        assertThat(headers.get("HX-Push-Url")).isEqualTo("false");
        assertThat(headers.get("HX-Replace-Url")).isEqualTo("false");
        assertThat(headers.get("HX-Reswap")).isEqualTo("outerHTML swap:1s");
    }

    @Test
    void eventsGatherIntoOneJsonObjectPerTimingAndALoneNameStaysBare() {
        Response<String> response = HTMXResponse.of("x")
                .trigger("saved")
                .trigger("counted", Map.of("n", 3))
                .trigger("late", null, HTMXResponse.Timing.AFTER_SETTLE)
                .trigger("swapped", "ünï", HTMXResponse.Timing.AFTER_SWAP)
                .toResponse();
        assertThat(response.headers().get("HX-Trigger")).isEqualTo("{\"saved\":null,\"counted\":{\"n\":3}}");
        assertThat(response.headers().get("HX-Trigger-After-Settle")).isEqualTo("late");
        // non-ASCII detail is escaped: a header value stays ASCII
        assertThat(response.headers().get("HX-Trigger-After-Swap")).isEqualTo("{\"swapped\":\"\\u00FCn\\u00EF\"}");
        assertThat(HTMXResponse.of("x").trigger("a b").toResponse().headers().get("HX-Trigger"))
                .isEqualTo("{\"a b\":null}");
    }

    @Test
    void contentlessAnswersCarryTheirHeaderOrStatus() {
        assertThat(HTMXResponse.clientRedirect("/login").headers().get("HX-Redirect"))
                .isEqualTo("/login");
        assertThat(HTMXResponse.clientRedirect("/login").statusCode()).isEqualTo(200);
        assertThat(HTMXResponse.clientRefresh().headers().get("HX-Refresh")).isEqualTo("true");
        assertThat(HTMXResponse.stopPolling().statusCode()).isEqualTo(286);
        assertThat(HTMXResponse.of("done").stopPollingAfter().toResponse().statusCode())
                .isEqualTo(286);
        assertThat(HTMXResponse.location(HXLocation.of("/a")).headers().get("HX-Location"))
                .isEqualTo("/a");
        assertThat(HTMXResponse.location(HXLocation.of("/a").target("#main").swap(HXSwap.OUTER_HTML))
                        .headers()
                        .get("HX-Location"))
                .isEqualTo("{\"path\":\"/a\",\"target\":\"#main\",\"swap\":\"outerHTML\"}");
    }

    @Test
    void aLineBreakInAHeaderValueIsRefused() {
        assertThatThrownBy(() -> HTMXResponse.of("x").pushUrl("/a\r\nSet-Cookie: x=1"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HTMXResponse.clientRedirect("/a\n")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void percentDecodingIsEncodeUriComponentsInverseAndStrict() {
        assertThat(PercentDecoding.decode("HX-Prompt", "caf%C3%A9+cr%C3%A8me%20br%C3%BBl%C3%A9e"))
                .isEqualTo("café+crème brûlée");
        assertThat(PercentDecoding.decode("HX-Prompt", "plain")).isEqualTo("plain");
        for (String bad : new String[] {"%", "%4", "%zz", "%C3", "%FF", "é%20"}) {
            assertThatThrownBy(() -> PercentDecoding.decode("HX-Prompt", bad), bad)
                    .isInstanceOf(ClientException.class)
                    .hasMessageContaining("HX-Prompt");
        }
    }
}
