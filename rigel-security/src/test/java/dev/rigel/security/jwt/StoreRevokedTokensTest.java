package dev.rigel.security.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigel.redis.RedisStore;
import dev.rigel.stores.MemoryStore;
import dev.rigel.stores.Store;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Revocation on a memory store, and shared between two "instances" through the machine's Redis. */
class StoreRevokedTokensTest {

    static final String REDIS_URL = "redis://127.0.0.1:6379/0";
    static RedisStore redis;

    @BeforeAll
    static void connect() {
        redis = RedisStore.connect(REDIS_URL, "rigel-test-jwt-" + UUID.randomUUID());
    }

    @AfterAll
    static void cleanUp() throws Exception {
        redis.deleteAll();
        redis.close();
    }

    final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @Test
    void aRevokedTokenIsRevokedAndOthersAreNot() {
        RevokedTokens revoked = RevokedTokens.inStore(new MemoryStore());
        Token token = Token.builder()
                .issuer("i")
                .id("1")
                .expiresAt(now.plusSeconds(60))
                .build();
        assertThat(revoked.isRevoked(token)).isFalse();
        revoked.revoke(token);
        assertThat(revoked.isRevoked(token)).isTrue();
        assertThat(revoked.isRevoked(token.toBuilder().id("2").build())).isFalse();
        // a jti is unique per issuer only
        assertThat(revoked.isRevoked(token.toBuilder().issuer("other").build())).isFalse();
        assertThat(revoked.isRevoked(token.toBuilder().issuer(null).build())).isFalse();
        // no jti: never revoked, and cannot be
        Token anonymous = Token.builder().expiresAt(now.plusSeconds(60)).build();
        assertThat(revoked.isRevoked(anonymous)).isFalse();
        assertThatThrownBy(() -> revoked.revoke(anonymous)).hasMessageContaining("jti");
    }

    @Test
    void anEntryLivesUntilTheTokenExpiresPlusTheMargin() {
        MemoryStore store = new MemoryStore();
        StoreRevokedTokens revoked = new StoreRevokedTokens(store, Duration.ofSeconds(30), () -> now);
        revoked.revoke(Token.builder().id("a").expiresAt(now.plusSeconds(90)).build());
        assertThat(store.expiresIn("0:a"))
                .hasValueSatisfying(
                        left -> assertThat(left).isBetween(Duration.ofSeconds(110), Duration.ofSeconds(120)));
        // long expired (past the margin): nothing to keep
        revoked.revoke(Token.builder().id("old").expiresAt(now.minusSeconds(31)).build());
        assertThat(store.exists("0:old")).isFalse();
        // expired within the margin: still kept, a verifier's leeway may still accept it
        revoked.revoke(
                Token.builder().id("recent").expiresAt(now.minusSeconds(10)).build());
        assertThat(store.exists("0:recent")).isTrue();
        // no exp: kept for good
        revoked.revoke(Token.builder().id("forever").build());
        assertThat(store.exists("0:forever")).isTrue();
        assertThat(store.expiresIn("0:forever")).isEmpty();
    }

    @Test
    void revocationIsSharedThroughRedisAndCleansItself() throws Exception {
        Store namespace = redis.withNamespace("revoked");
        AtomicReference<Instant> clock = new AtomicReference<>(now);
        InstantSource time = clock::get;
        TokenEncoder encoder = TokenEncoder.hmac(JwtAlgorithm.HS256, TestKeys.SECRET_32)
                .randomId()
                .lifetime(Duration.ofSeconds(2))
                .clock(time)
                .build();
        TokenVerifier.Builder builder = TokenVerifier.builder()
                .algorithms(JwtAlgorithm.HS256)
                .keys(VerificationKey.hmac(JwtAlgorithm.HS256, TestKeys.SECRET_32))
                .anyIssuer()
                .anyAudience()
                .clock(time)
                .leeway(Duration.ZERO);
        // two app instances, each with its own verifier (and cache), one Redis
        TokenVerifier instanceA = builder.revokedTokens(new StoreRevokedTokens(namespace, Duration.ofMillis(500), time))
                .build();
        try (RedisStore otherConnection =
                RedisStore.connect(REDIS_URL, redis.keyPrefix().replaceAll(":$", ""))) {
            RevokedTokens onB =
                    new StoreRevokedTokens(otherConnection.withNamespace("revoked"), Duration.ofMillis(500), time);
            revokeOnOneInstanceSeenOnTheOther(encoder, instanceA, onB, namespace);
        }
    }

    private static void revokeOnOneInstanceSeenOnTheOther(
            TokenEncoder encoder, TokenVerifier instanceA, RevokedTokens onB, Store namespace) throws Exception {
        String jwt = encoder.encode(Token.builder().build());
        Token token = instanceA.verify(jwt);
        onB.revoke(token);
        assertThatThrownBy(() -> instanceA.verify(jwt))
                .isInstanceOfSatisfying(
                        InvalidTokenException.class,
                        e -> assertThat(e.reason()).isEqualTo(InvalidTokenException.Reason.REVOKED));
        // Redis expires the entry once the token is past its exp plus the margin (2 s + 0.5 s)
        long ttl = namespace
                .expiresIn(token.issuer().orElse("").length() + ":" + token.id().orElseThrow())
                .orElseThrow()
                .toMillis();
        assertThat(ttl).isBetween(1500L, 2500L);
        Thread.sleep(ttl + 200);
        assertThat(onB.isRevoked(token)).isFalse();
    }
}
