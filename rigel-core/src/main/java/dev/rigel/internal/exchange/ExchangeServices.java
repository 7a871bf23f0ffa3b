package dev.rigel.internal.exchange;

import dev.rigel.form.FormConfig;
import dev.rigel.http.State;
import dev.rigel.internal.json.JsonCodec;
import java.util.Map;

/** What a request needs of its app while a handler reads it: state, forms, JSON and route names. */
public interface ExchangeServices {

    State state();

    FormConfig formConfig();

    JsonCodec json();

    /** The path of the route named {@code name}, with {@code params} filled in and {@code query} appended. */
    String routeReverse(String name, Map<String, ?> params, Map<String, ?> query);
}
