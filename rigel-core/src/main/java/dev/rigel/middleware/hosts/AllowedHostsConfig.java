package dev.rigel.middleware.hosts;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which {@code Host} headers the app answers, as Litestar's {@code AllowedHostsConfig}; switch it
 * on with {@code App.builder().allowedHosts(config)}.
 *
 * <pre>{@code
 * AllowedHostsConfig.of("www.example.com", "*.example.com")
 * AllowedHostsConfig.builder().allowedHosts("api.example.com").exclude("^/health$").build()
 * }</pre>
 *
 * <ul>
 *   <li>Hosts are compared case-insensitively, without the port: {@code example.com} allows
 *   {@code Example.COM:8443}. IP addresses work as hosts ({@code 127.0.0.1}, {@code [::1]}).</li>
 *   <li>{@code *.example.com} allows every sub-domain of {@code example.com}, not the domain
 *   itself; {@code *} alone allows every host (the default, which checks nothing).</li>
 *   <li>{@link #wwwRedirect()} (default on): a request for {@code example.com} when only
 *   {@code www.example.com} is allowed is redirected there (301, path and query kept) instead of
 *   refused.</li>
 *   <li>{@link #exclude()} path regexes and {@link #excludeOptKey()} skip the check, e.g. for a
 *   load balancer's health probe that sends an IP address as host.</li>
 * </ul>
 *
 * Every other request is answered 400 {@code {"status_code":400,"detail":"Invalid host header"}}.
 */
public final class AllowedHostsConfig {

    private final List<String> allowedHosts;
    private final boolean wwwRedirect;
    private final List<String> exclude;
    private final String excludeOptKey;
    private final HostMatcher matcher;

    private AllowedHostsConfig(Builder builder) {
        this.allowedHosts = builder.allowedHosts;
        this.wwwRedirect = builder.wwwRedirect;
        this.exclude = builder.exclude;
        this.excludeOptKey = builder.excludeOptKey;
        this.matcher = new HostMatcher(allowedHosts);
    }

    /** These hosts, with the other settings at their defaults. */
    public static AllowedHostsConfig of(String... allowedHosts) {
        return builder().allowedHosts(allowedHosts).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public List<String> allowedHosts() {
        return allowedHosts;
    }

    public boolean wwwRedirect() {
        return wwwRedirect;
    }

    /** Path regexes (searched, not anchored) whose requests are not checked. */
    public List<String> exclude() {
        return exclude;
    }

    /** A route opt key that, set to true, skips the check for that route. */
    public Optional<String> excludeOptKey() {
        return Optional.ofNullable(excludeOptKey);
    }

    /** Whether a request with this {@code Host} header (port allowed) is let through. */
    public boolean isHostAllowed(String hostHeader) {
        int length = HostMatcher.hostLength(hostHeader);
        return length > 0 && matcher.matches(hostHeader, length);
    }

    HostMatcher matcher() {
        return matcher;
    }

    @Override
    public String toString() {
        return "AllowedHostsConfig[allowedHosts=" + allowedHosts + ", wwwRedirect=" + wwwRedirect + ", exclude="
                + exclude + ", excludeOptKey=" + excludeOptKey + "]";
    }

    /** Builds an {@link AllowedHostsConfig}; an entry that is no host fails {@link #build()}. */
    public static final class Builder {
        private List<String> allowedHosts = List.of("*");
        private boolean wwwRedirect = true;
        private List<String> exclude = List.of();
        private String excludeOptKey;

        private Builder() {}

        public Builder allowedHosts(String... hosts) {
            return allowedHosts(List.of(hosts));
        }

        public Builder allowedHosts(Collection<String> hosts) {
            this.allowedHosts = List.copyOf(hosts);
            return this;
        }

        public Builder wwwRedirect(boolean redirect) {
            this.wwwRedirect = redirect;
            return this;
        }

        public Builder exclude(String... pathPatterns) {
            for (String pattern : pathPatterns) {
                Pattern.compile(pattern); // a bad pattern fails here, naming itself
            }
            this.exclude = List.of(pathPatterns);
            return this;
        }

        public Builder excludeOptKey(String key) {
            this.excludeOptKey = Objects.requireNonNull(key, "key");
            return this;
        }

        public AllowedHostsConfig build() {
            if (allowedHosts.isEmpty()) {
                throw new IllegalArgumentException("allowedHosts is empty, so every request would be refused;"
                        + " give at least one host, or '*'");
            }
            return new AllowedHostsConfig(this);
        }
    }
}
