package dev.rigel.jdbc;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where a database is: a JDBC URL plus the credentials that were given apart from it.
 *
 * <p>{@link #parse} accepts a JDBC URL ({@code jdbc:postgresql://host:5432/db?user=app}, {@code jdbc:h2:mem:x},
 * any driver's) and the URL form of libpq, Heroku and most hosting platforms
 * ({@code postgresql://user[:password]@host[:port]/db[?params]}, also {@code postgres://}), which is turned into
 * a PostgreSQL JDBC URL with the user and password taken out (percent-decoded). Query parameters such as
 * {@code sslmode} carry over: the PostgreSQL driver understands them.
 *
 * <p>{@link #toString()} hides the password, so a URL can go into logs and error messages.
 *
 * @param jdbcUrl the URL the driver gets
 * @param user the user given outside the JDBC URL, or null
 * @param password the password given outside the JDBC URL, or null
 */
public record DatabaseUrl(String jdbcUrl, String user, String password) {

    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)(password=)[^&;]*");
    private static final Pattern USER_INFO_PASSWORD = Pattern.compile("(//[^/@:]*:)[^/@]*@");

    public DatabaseUrl {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        if (!jdbcUrl.startsWith("jdbc:")) {
            throw new IllegalArgumentException("A JDBC URL starts with jdbc:, got " + mask(jdbcUrl));
        }
    }

    /**
     * Reads a JDBC URL or a {@code postgresql://} URL.
     *
     * @throws IllegalArgumentException naming the problem (the password masked) if it is neither
     */
    public static DatabaseUrl parse(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("The database URL is empty");
        }
        String trimmed = url.strip();
        if (trimmed.regionMatches(true, 0, "jdbc:", 0, 5)) {
            return new DatabaseUrl("jdbc:" + trimmed.substring(5), null, null);
        }
        int colon = trimmed.indexOf(':');
        String scheme = colon < 0 ? "" : trimmed.substring(0, colon).toLowerCase(Locale.ROOT);
        if (!scheme.equals("postgresql") && !scheme.equals("postgres")) {
            throw new IllegalArgumentException("Unsupported database URL " + mask(trimmed) + ": use a JDBC URL"
                    + " (jdbc:…) or postgresql://user:password@host:port/database");
        }
        return fromPostgresUrl(trimmed);
    }

    private static DatabaseUrl fromPostgresUrl(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(
                    "The database URL " + mask(url) + " is not a valid URL (" + e.getReason()
                            + "); percent-encode special characters in the user and password",
                    e);
        }
        if (uri.getRawAuthority() != null && uri.getHost() == null) {
            throw new IllegalArgumentException("The database URL " + mask(url) + " has no valid host name");
        }
        // postgresql:///db means the local server to libpq; JDBC has no Unix sockets, so localhost
        String host = uri.getHost() == null ? "localhost" : uri.getHost();
        StringBuilder jdbc = new StringBuilder("jdbc:postgresql://").append(host);
        if (uri.getPort() != -1) {
            jdbc.append(':').append(uri.getPort());
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        jdbc.append(path.isEmpty() ? "/" : path);
        if (uri.getRawQuery() != null) {
            jdbc.append('?').append(uri.getRawQuery());
        }
        String user = null;
        String password = null;
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            int split = userInfo.indexOf(':');
            user = decode(split < 0 ? userInfo : userInfo.substring(0, split));
            password = split < 0 ? null : decode(userInfo.substring(split + 1));
            if (user.isEmpty()) {
                user = null;
            }
        }
        return new DatabaseUrl(jdbc.toString(), user, password);
    }

    private static String decode(String value) {
        // URLDecoder would turn '+' into a space; in a URL's user info '+' is itself
        return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** The same URL with other credentials; null keeps what this one has. */
    public DatabaseUrl withCredentials(String newUser, String newPassword) {
        return new DatabaseUrl(jdbcUrl, newUser != null ? newUser : user, newPassword != null ? newPassword : password);
    }

    /** Whether this is an H2 database held in memory (gone once its last connection closes or it shuts down). */
    public boolean isH2InMemory() {
        return jdbcUrl.startsWith("jdbc:h2:mem:");
    }

    /** {@code url} with any password replaced by {@code ***}. */
    public static String mask(String url) {
        String masked = PASSWORD_PARAMETER.matcher(url).replaceAll("$1***");
        return USER_INFO_PASSWORD.matcher(masked).replaceAll("$1***@");
    }

    @Override
    public String toString() {
        return mask(jdbcUrl) + (user == null ? "" : " (user " + user + ")");
    }
}
