package dev.rigel.openapi;

/**
 * Each UI's page: our own small markup around the bundle (the packages' sample pages load demo
 * APIs or CDNs). URLs are absolute, so a page works at {@code /schema} and at
 * {@code /schema/redoc} alike; {@code base} and {@code assets} are checked by
 * {@code OpenAPIConfig} to hold only path characters, so they need no escaping here.
 */
final class UiPages {

    private UiPages() {}

    /** The HTML of {@code renderer}'s page for the document at {@code base/openapi.json}. */
    static String page(Renderer renderer, String title, String base, String assets) {
        String head = """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                  <meta charset="utf-8">
                  <meta name="viewport" content="width=device-width, initial-scale=1">
                  <title>%s</title>
                """.formatted(escapeHtml(title));
        String spec = base + "/openapi.json";
        String rest = switch (renderer) {
            case SWAGGER -> """
                      <link rel="stylesheet" href="%2$s/swagger-ui.css">
                    </head>
                    <body>
                      <div id="swagger-ui"></div>
                      <script src="%2$s/swagger-ui-bundle.js"></script>
                      <script>
                        window.ui = SwaggerUIBundle({url: "%1$s", dom_id: "#swagger-ui", deepLinking: true});
                      </script>
                    </body>
                    """;
            case REDOC -> """
                      <style>body { margin: 0; }</style>
                    </head>
                    <body>
                      <redoc spec-url="%1$s"></redoc>
                      <script src="%2$s/bundles/redoc.standalone.js"></script>
                    </body>
                    """;
            // withDefaultFonts false: Scalar would otherwise fetch its fonts from fonts.scalar.com
            case SCALAR -> """
                    </head>
                    <body>
                      <div id="api-reference"></div>
                      <script src="%2$s/standalone.js"></script>
                      <script>
                        Scalar.createApiReference("#api-reference", {url: "%1$s", withDefaultFonts: false});
                      </script>
                    </body>
                    """;
            case RAPIDOC -> """
                      <script type="module" src="%2$s/dist/rapidoc-min.js"></script>
                    </head>
                    <body>
                      <rapi-doc spec-url="%1$s" render-style="read" show-header="false"></rapi-doc>
                    </body>
                    """;
            case ELEMENTS -> """
                      <link rel="stylesheet" href="%2$s/styles.min.css">
                      <script src="%2$s/web-components.min.js"></script>
                      <style>body { margin: 0; height: 100vh; }</style>
                    </head>
                    <body>
                      <elements-api apiDescriptionUrl="%1$s" router="hash" layout="sidebar"></elements-api>
                    </body>
                    """;
        };
        return head + rest.formatted(spec, assets) + "</html>\n";
    }

    private static String escapeHtml(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
