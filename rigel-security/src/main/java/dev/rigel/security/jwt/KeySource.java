package dev.rigel.security.jwt;

import java.util.Objects;

/**
 * Where a {@link TokenVerifier} gets its keys: a fixed {@link KeySet} ({@link #of}), or one that
 * changes, such as a {@link JwksKeySource} that fetches an identity provider's published keys.
 *
 * <p>A source hands out the same {@code KeySet} instance for as long as its keys stay the same,
 * and a new one when they change: tokens verified against an older set are then verified again.
 *
 * <p>Both methods may throw {@link KeysUnavailableException} when the keys cannot be known now
 * (the provider is down and the keys held are too old): a 503, not a 401, since the token may well
 * be valid. They must not block for long: a request waits on them.
 */
public interface KeySource {

    /** The keys now. */
    KeySet keys();

    /**
     * The keys after the source has had a chance to look for a key the current set lacks: a token
     * names key id {@code keyId} (null if it names none) that no key of {@link #keys()} matches. A
     * source that can fetch keys fetches again, as often as its rate limit allows; a fixed source
     * returns its keys.
     */
    default KeySet refreshFor(String keyId) {
        return keys();
    }

    /** A source that always answers {@code keys}. */
    static KeySource of(KeySet keys) {
        Objects.requireNonNull(keys, "keys");
        return () -> keys;
    }
}
