package dev.rigel.security.jwt;

import static dev.rigel.security.jwt.JwksServer.jwk;
import static dev.rigel.security.jwt.JwksServer.jwks;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWK;
import dev.rigel.security.jwt.InvalidTokenException.Reason;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Many threads verify while the provider rotates its keys every few milliseconds. Whatever the
 * interleaving: a token of the key that is always published is always accepted, a token of a key
 * never published or signed by another key than its kid names is never accepted, and nothing but
 * {@link InvalidTokenException} is ever thrown.
 */
class JwksRotationConcurrencyTest {

    static final int ROTATING = 8;

    @Test
    void verificationStaysCorrectWhileKeysRotate() throws Exception {
        KeyPair stable = TokenEncoderTest.generate("EC");
        List<KeyPair> rotating = new ArrayList<>();
        for (int i = 0; i < ROTATING; i++) {
            rotating.add(TokenEncoderTest.generate("EC"));
        }
        KeyPair ghost = TokenEncoderTest.generate("EC");

        List<String> stableTokens = tokens(stable, "stable", 4);
        List<List<String>> rotatingTokens = new ArrayList<>();
        for (int i = 0; i < ROTATING; i++) {
            rotatingTokens.add(tokens(rotating.get(i), "r" + i, 4));
        }
        List<String> ghostTokens = tokens(ghost, "ghost", 4);
        // signed by rotating key 0, but naming key 1
        List<String> wrongKeyTokens = tokens(rotating.get(0), "r1", 4);

        try (JwksServer server = new JwksServer();
                ExecutorService pool = Executors.newFixedThreadPool(16)) {
            server.body = window(stable, rotating, 0);
            AtomicBoolean running = new AtomicBoolean(true);
            Thread rotator = Thread.ofPlatform().start(() -> {
                int window = 0;
                while (running.get()) {
                    server.body = window(stable, rotating, ++window);
                    try {
                        Thread.sleep(15);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            try (JwksKeySource source = JwksKeySource.builder(server.uri())
                    .refreshAfter(Duration.ofMillis(5))
                    .minRefreshInterval(Duration.ofMillis(2))
                    .timeout(Duration.ofSeconds(5))
                    .build()) {
                TokenVerifier verifier = TokenVerifier.builder()
                        .algorithms(JwtAlgorithm.ES256)
                        .keySource(source)
                        .anyIssuer()
                        .anyAudience()
                        .build();
                Queue<String> wrong = new ConcurrentLinkedQueue<>();
                AtomicInteger rotatingAccepted = new AtomicInteger();
                AtomicInteger verifications = new AtomicInteger();
                long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1500);
                List<java.util.concurrent.Future<?>> workers = new ArrayList<>();
                for (int t = 0; t < 16; t++) {
                    workers.add(pool.submit(() -> {
                        ThreadLocalRandom random = ThreadLocalRandom.current();
                        while (System.nanoTime() < deadline) {
                            verifications.incrementAndGet();
                            int kind = random.nextInt(4);
                            String token = switch (kind) {
                                case 0 -> pick(stableTokens, random);
                                case 1 -> pick(rotatingTokens.get(random.nextInt(ROTATING)), random);
                                case 2 -> pick(ghostTokens, random);
                                default -> pick(wrongKeyTokens, random);
                            };
                            try {
                                verifier.verify(token);
                                if (kind == 1) {
                                    rotatingAccepted.incrementAndGet();
                                } else if (kind != 0) {
                                    wrong.add("accepted a token of kind " + kind);
                                }
                            } catch (InvalidTokenException e) {
                                boolean expected = switch (kind) {
                                    case 0 -> false;
                                    case 1, 2 -> e.reason() == Reason.UNKNOWN_KEY;
                                    default -> e.reason() == Reason.UNKNOWN_KEY || e.reason() == Reason.BAD_SIGNATURE;
                                };
                                if (!expected) {
                                    wrong.add("kind " + kind + " refused: " + e.reason());
                                }
                            } catch (RuntimeException e) {
                                wrong.add("kind " + kind + " threw " + e);
                            }
                        }
                    }));
                }
                for (java.util.concurrent.Future<?> worker : workers) {
                    worker.get();
                }
                running.set(false);
                rotator.join();
                assertThat(wrong).as("wrong outcomes").isEmpty();
                assertThat(verifications.get()).isGreaterThan(200);
                assertThat(rotatingAccepted.get())
                        .as("rotating tokens accepted while their key was published")
                        .isPositive();
                assertThat(source.fetchCount())
                        .as("the keys were refreshed many times")
                        .isGreaterThan(10);
            }
        }
    }

    private static String window(KeyPair stable, List<KeyPair> rotating, int window) {
        int a = window % ROTATING;
        int b = (window + 1) % ROTATING;
        JWK[] keys = {
            jwk(stable.getPublic(), "stable"),
            jwk(rotating.get(a).getPublic(), "r" + a),
            jwk(rotating.get(b).getPublic(), "r" + b)
        };
        return jwks(keys);
    }

    private static List<String> tokens(KeyPair pair, String kid, int count) {
        TokenEncoder encoder = TokenEncoder.ec(pair.getPrivate())
                .keyId(kid)
                .lifetime(Duration.ofHours(1))
                .build();
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            tokens.add(encoder.encode(Token.builder().subject("s" + i).build()));
        }
        return tokens;
    }

    private static String pick(List<String> tokens, ThreadLocalRandom random) {
        return tokens.get(random.nextInt(tokens.size()));
    }
}
