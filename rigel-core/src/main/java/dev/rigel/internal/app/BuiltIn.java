package dev.rigel.internal.app;

/**
 * The built-in middleware an app can switch on with a setting ({@code App.builder().cors(…)}),
 * in the order they wrap every request, outermost first: a request from a host that is not
 * allowed is refused before anything else runs; CORS answers preflights and marks every response,
 * errors included; logging sees the final status; compression compresses whatever comes out
 * below it; rate limiting refuses before any work; sessions load before CSRF and the routes
 * need them. They run for matched and unmatched routes alike, outside the app's own middleware.
 */
public enum BuiltIn {
    ALLOWED_HOSTS,
    CORS,
    LOGGING,
    COMPRESSION,
    RATE_LIMIT,
    SESSIONS,
    CSRF
}
