package dev.rigel.pebble.internal;

import io.pebbletemplates.pebble.extension.AbstractExtension;
import io.pebbletemplates.pebble.extension.Function;
import java.util.Map;

/** Adds Rigel's template functions to Pebble. */
public final class RigelFunctions extends AbstractExtension {

    @Override
    public Map<String, Function> getFunctions() {
        return Map.of(
                "url_for",
                new UrlForFunction(false),
                "url_for_static",
                new UrlForFunction(true),
                "csrf_input",
                new CsrfInputFunction(),
                "get_flashes",
                new GetFlashesFunction());
    }
}
