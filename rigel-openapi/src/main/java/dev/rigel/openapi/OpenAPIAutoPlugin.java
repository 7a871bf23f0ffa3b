package dev.rigel.openapi;

import dev.rigel.plugin.AutoPlugin;
import dev.rigel.plugin.Plugin;

/**
 * Puts the default OpenAPI plugin ({@link OpenAPIPlugin#defaults()}'s settings) on every app that has no {@link OpenAPIPlugin} of its own,
 * so the document and its UIs are on by default once rigel-openapi is a dependency. Found through
 * {@code META-INF/services/dev.rigel.plugin.AutoPlugin}; not meant to be used directly. Unlike a
 * plugin the app registers, this one does not fail startup when the document cannot be made
 * (say a route names a security scheme no config declares): it logs why and answers 503.
 */
public final class OpenAPIAutoPlugin implements AutoPlugin {

    @Override
    public Class<? extends Plugin> type() {
        return OpenAPIPlugin.class;
    }

    @Override
    public Plugin create() {
        return OpenAPIPlugin.automatic();
    }
}
