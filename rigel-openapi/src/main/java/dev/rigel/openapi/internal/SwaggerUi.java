package dev.rigel.openapi.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Swagger UI served from its webjar on the class path, so the page works without internet
 * access. The webjar's version is read from its own {@code pom.properties}, so the parent pom's
 * pin is the only place it is written down.
 */
public final class SwaggerUi {

    private static final String POM = "META-INF/maven/org.webjars/swagger-ui/pom.properties";

    private SwaggerUi() {
    }

    /** The class path directory holding the UI's assets, e.g. {@code META-INF/resources/webjars/swagger-ui/5.18.2}. */
    public static String assetDirectory() {
        Properties properties = new Properties();
        try (InputStream in = SwaggerUi.class.getClassLoader().getResourceAsStream(POM)) {
            if (in == null) {
                throw new IllegalStateException("The swagger-ui webjar is not on the class path (" + POM + ")");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "META-INF/resources/webjars/swagger-ui/" + properties.getProperty("version");
    }

    /**
     * The page: our own markup around the webjar's bundle (its {@code index.html} points at the
     * Petstore example). Paths are absolute, so the page works at {@code /schema} and at
     * {@code /schema/swagger} alike; {@code base} is checked by {@code OpenAPIConfig} to hold only
     * path characters, so it needs no escaping here.
     */
    public static String page(String title, String base, String assets) {
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                  <meta charset="utf-8">
                  <meta name="viewport" content="width=device-width, initial-scale=1">
                  <title>%1$s</title>
                  <link rel="stylesheet" href="%3$s/swagger-ui.css">
                </head>
                <body>
                  <div id="swagger-ui"></div>
                  <script src="%3$s/swagger-ui-bundle.js"></script>
                  <script>
                    window.ui = SwaggerUIBundle({url: "%2$s/openapi.json", dom_id: "#swagger-ui", deepLinking: true});
                  </script>
                </body>
                </html>
                """.formatted(escapeHtml(title), base, assets);
    }

    private static String escapeHtml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
