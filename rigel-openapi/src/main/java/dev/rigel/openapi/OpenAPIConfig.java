package dev.rigel.openapi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What the OpenAPI document says about the app as a whole (its {@code info}, servers, tags and
 * security schemes) and where it is served. Immutable; made with {@link #builder(String, String)}.
 *
 * <pre>{@code
 * OpenAPIConfig.builder("Shop API", "1.0.0")
 *     .description("Orders and users")
 *     .server("https://api.example.com", "production")
 *     .securityScheme("bearer", Map.of("type", "http", "scheme", "bearer"))
 *     .build();
 * }</pre>
 */
public final class OpenAPIConfig {

    /** A server the API is reachable at. */
    public record Server(String url, String description) {
        public Server {
            Objects.requireNonNull(url, "server url");
        }
    }

    /** Who to contact about the API; any part may be null. */
    public record Contact(String name, String url, String email) {}

    /** The API's licence: an SPDX identifier or a URL (OpenAPI 3.1 allows one of them). */
    public record License(String name, String identifier, String url) {
        public License {
            Objects.requireNonNull(name, "license name");
        }
    }

    /** A tag's description in the document's top-level {@code tags}, with a link to more documentation. */
    public record Tag(String name, String description, ExternalDocs externalDocs) {
        public Tag {
            Objects.requireNonNull(name, "tag name");
        }

        public Tag(String name, String description) {
            this(name, description, null);
        }
    }

    /** A link to documentation beyond the document ({@code externalDocs}). */
    public record ExternalDocs(String url, String description) {
        public ExternalDocs {
            Objects.requireNonNull(url, "external docs url");
        }
    }

    private final String title;
    private final String version;
    private final String description;
    private final List<Server> servers;
    private final Contact contact;
    private final License license;
    private final List<Tag> tags;
    private final Map<String, Map<String, Object>> securitySchemes;
    private final List<String> security;
    private final String path;
    private final List<String> alsoServedAt;
    private final List<Renderer> renderers;
    private final boolean enabled;
    private final String termsOfService;
    private final ExternalDocs externalDocs;
    private final List<Consumer<ObjectNode>> customizers;
    private final boolean generateExamples;

    private OpenAPIConfig(Builder builder) {
        this.title = builder.title;
        this.version = builder.version;
        this.description = builder.description;
        this.servers = List.copyOf(builder.servers);
        this.contact = builder.contact;
        this.license = builder.license;
        this.tags = List.copyOf(builder.tags);
        Map<String, Map<String, Object>> schemes = new LinkedHashMap<>();
        // keys sorted: a Map.of iterates in a per-JVM random order, and the document must be stable
        builder.securitySchemes.forEach((name, scheme) ->
                schemes.put(name, java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(scheme))));
        this.securitySchemes = java.util.Collections.unmodifiableMap(schemes);
        this.security = List.copyOf(builder.security);
        this.path = builder.path;
        this.alsoServedAt = List.copyOf(builder.alsoServedAt);
        this.termsOfService = builder.termsOfService;
        this.externalDocs = builder.externalDocs;
        this.customizers = List.copyOf(builder.customizers);
        this.renderers = List.copyOf(builder.renderers);
        this.enabled = builder.enabled;
        this.generateExamples = builder.generateExamples;
    }

    /** A config with the document's required {@code info.title} and {@code info.version}. */
    public static Builder builder(String title, String version) {
        return new Builder(title, version);
    }

    public String title() {
        return title;
    }

    public String version() {
        return version;
    }

    /** Null when not set. */
    public String description() {
        return description;
    }

    public List<Server> servers() {
        return servers;
    }

    /** Null when not set. */
    public Contact contact() {
        return contact;
    }

    /** Null when not set. */
    public License license() {
        return license;
    }

    public List<Tag> tags() {
        return tags;
    }

    /** Security schemes by name, each the scheme object as OpenAPI spells it. */
    public Map<String, Map<String, Object>> securitySchemes() {
        return securitySchemes;
    }

    /** Names of the security schemes every operation of a guarded route requires. */
    public List<String> security() {
        return security;
    }

    /** Where the document and its UIs are served, {@code /schema} by default. */
    public String path() {
        return path;
    }

    /**
     * The UIs served under {@link #path()}, each at {@code {path}/{segment}}; the first is also the
     * page at {@code {path}} itself. All five by default, Swagger UI first.
     */
    public List<Renderer> renderers() {
        return renderers;
    }

    /** Other paths the document is served at ({@code .yaml}/{@code .yml} ones as YAML). */
    public List<String> alsoServedAt() {
        return alsoServedAt;
    }

    /** The URL of the API's terms of service, or null. */
    public String termsOfService() {
        return termsOfService;
    }

    /** The document's link to further documentation, or null. */
    public ExternalDocs externalDocs() {
        return externalDocs;
    }

    /** What runs on the finished document, in order (see {@link Builder#customize}). */
    public List<Consumer<ObjectNode>> customizers() {
        return customizers;
    }

    /** Whether examples are made from the schemas where none is given (see {@link Builder#generateExamples}). */
    public boolean generateExamples() {
        return generateExamples;
    }

    /** False when the plugin should add nothing to the app. */
    public boolean enabled() {
        return enabled;
    }

    /** Builds an {@link OpenAPIConfig}. */
    public static final class Builder {

        private final String title;
        private final String version;
        private String description;
        private final List<Server> servers = new ArrayList<>();
        private Contact contact;
        private License license;
        private final List<Tag> tags = new ArrayList<>();
        private final Map<String, Map<String, Object>> securitySchemes = new LinkedHashMap<>();
        private final List<String> security = new ArrayList<>();
        private String path = "/schema";
        private final List<String> alsoServedAt = new ArrayList<>();
        private String termsOfService;
        private ExternalDocs externalDocs;
        private final List<Consumer<ObjectNode>> customizers = new ArrayList<>();
        private List<Renderer> renderers = List.of(Renderer.values());
        private boolean enabled = true;
        private boolean generateExamples;

        private Builder(String title, String version) {
            if (title == null || title.isBlank() || version == null || version.isBlank()) {
                throw new IllegalArgumentException("OpenAPI title and version must not be blank");
            }
            this.title = title;
            this.version = version;
        }

        public Builder description(String description) {
            this.description = description;
            return this;
        }

        public Builder server(String url, String description) {
            servers.add(new Server(url, description));
            return this;
        }

        public Builder contact(String name, String url, String email) {
            this.contact = new Contact(name, url, email);
            return this;
        }

        /** A licence named by its SPDX identifier, e.g. {@code ("Apache 2.0", "Apache-2.0")}. */
        public Builder license(String name, String identifier) {
            this.license = new License(name, identifier, null);
            return this;
        }

        /** Describes a tag in the document's {@code tags} list. */
        public Builder tag(String name, String description) {
            tags.add(new Tag(name, description));
            return this;
        }

        /** Describes a tag and links it to more documentation ({@code externalDocs}). */
        public Builder tag(String name, String description, String docsUrl, String docsDescription) {
            tags.add(new Tag(name, description, new ExternalDocs(docsUrl, docsDescription)));
            return this;
        }

        /** The URL of the API's terms of service ({@code info.termsOfService}). */
        public Builder termsOfService(String url) {
            this.termsOfService = Objects.requireNonNull(url, "termsOfService");
            return this;
        }

        /** A licence given by URL instead of an SPDX identifier. */
        public Builder licenseUrl(String name, String url) {
            this.license = new License(name, null, Objects.requireNonNull(url, "license url"));
            return this;
        }

        /** The document's link to further documentation ({@code externalDocs}). */
        public Builder externalDocs(String url, String description) {
            this.externalDocs = new ExternalDocs(url, description);
            return this;
        }

        /**
         * Also serves the document at {@code documentPath} (e.g. {@code /openapi.json}, or {@code
         * /api/v1/openapi.yaml} for YAML), besides {@code {path}/openapi.json} and {@code .yaml}.
         */
        public Builder alsoServeAt(String documentPath) {
            if (documentPath == null || !documentPath.matches("(/[A-Za-z0-9._~-]+)+")) {
                throw new IllegalArgumentException("An OpenAPI document path must be '/segment[/segment…]' of"
                        + " letters, digits and . _ ~ -: " + documentPath);
            }
            alsoServedAt.add(documentPath);
            return this;
        }

        /**
         * Runs {@code customizer} on the finished document, once, at startup: add {@code x-}
         * extensions, webhooks or examples, or change anything. Customizers run in the order given,
         * after everything Rigel derives, and the result is what every path serves.
         */
        public Builder customize(Consumer<ObjectNode> customizer) {
            customizers.add(Objects.requireNonNull(customizer, "customizer"));
            return this;
        }

        /**
         * Declares a security scheme, e.g. {@code ("bearer", Map.of("type", "http", "scheme", "bearer"))}.
         * Routes with guards require every scheme passed to {@link #security(String...)}.
         */
        public Builder securityScheme(String name, Map<String, Object> scheme) {
            securitySchemes.put(Objects.requireNonNull(name, "scheme name"), Objects.requireNonNull(scheme, "scheme"));
            return this;
        }

        /** The schemes guarded routes require; each must be declared with {@link #securityScheme}. */
        public Builder security(String... schemeNames) {
            security.addAll(List.of(schemeNames));
            return this;
        }

        /** Where the document is served; {@code /schema} by default. */
        public Builder path(String path) {
            // plain path characters only: the path is written into the UI page's HTML and script
            if (path == null || !path.matches("(/[A-Za-z0-9._~-]+)+")) {
                throw new IllegalArgumentException("OpenAPI path must be '/segment[/segment…]' of letters, digits"
                        + " and . _ ~ -, without a trailing '/': " + path);
            }
            this.path = path;
            return this;
        }

        /**
         * Which UIs to serve, in order: the first is the default page at {@code {path}}. At least
         * one, each once; a UI left out answers 404 and its assets are not served.
         */
        public Builder renderers(Renderer... renderers) {
            List<Renderer> chosen = List.of(renderers);
            if (chosen.isEmpty() || new java.util.HashSet<>(chosen).size() != chosen.size()) {
                throw new IllegalArgumentException("OpenAPI renderers must name at least one UI, each once: " + chosen);
            }
            this.renderers = chosen;
            return this;
        }

        /** {@code false} turns the whole feature off: no document, no routes. */
        public Builder enabled(boolean enabled) {
            this.enabled = enabled;
            return this;
        }

        /**
         * {@code true} makes an example, from the schema, for every parameter, request body and
         * success response that has none of its own (Litestar's {@code create_examples}): valid
         * against the schema (type, format, enum, bounds, lengths, simple patterns) and the same
         * on every run. Off by default.
         */
        public Builder generateExamples(boolean generate) {
            this.generateExamples = generate;
            return this;
        }

        public OpenAPIConfig build() {
            for (String name : security) {
                if (!securitySchemes.containsKey(name)) {
                    throw new IllegalArgumentException("security names scheme '" + name
                            + "', which is not declared; declared: " + securitySchemes.keySet());
                }
            }
            return new OpenAPIConfig(this);
        }
    }
}
