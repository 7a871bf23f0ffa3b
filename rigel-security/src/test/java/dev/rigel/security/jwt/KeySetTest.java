package dev.rigel.security.jwt;

import static dev.rigel.security.jwt.JwksServer.json;
import static dev.rigel.security.jwt.JwksServer.jwk;
import static dev.rigel.security.jwt.JwksServer.jwksOfMaps;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading JWK Sets: which keys are taken, with which algorithms, and which are left out. */
class KeySetTest {

    static Map<String, Object> with(Map<String, Object> jwk, String member, Object value) {
        Map<String, Object> copy = new java.util.LinkedHashMap<>(jwk);
        if (value == null) {
            copy.remove(member);
        } else {
            copy.put(member, value);
        }
        return copy;
    }

    @Test
    void eachSupportedKeyTypeIsRead() {
        KeySet keys = KeySet.fromJwks(jwksOfMaps(List.of(
                json(jwk(TestKeys.RSA.getPublic(), "rsa")),
                json(jwk(TestKeys.EC.getPublic(), "ec")),
                json(jwk(TestKeys.ED25519.getPublic(), "ed")))));
        assertThat(keys.keys()).extracting(key -> key.keyId().orElseThrow()).containsExactly("rsa", "ec", "ed");
        assertThat(keys.keys())
                .extracting(VerificationKey::algorithms)
                .containsExactly(
                        java.util.Set.of(JwtAlgorithm.RS256),
                        java.util.Set.of(JwtAlgorithm.ES256),
                        java.util.Set.of(JwtAlgorithm.EdDSA));
        assertThat(keys.keys().get(0).publicKey()).contains(TestKeys.RSA.getPublic());
        assertThat(keys.keys().get(2).publicKey()).contains(TestKeys.ED25519.getPublic());
    }

    @Test
    void keysNotForSignaturesOrOfOtherKindsAreLeftOut() throws Exception {
        Map<String, Object> rsa = json(jwk(TestKeys.RSA.getPublic(), "good"));
        KeyPairGenerator small = KeyPairGenerator.getInstance("RSA");
        small.initialize(1024);
        KeyPairGenerator x25519 = KeyPairGenerator.getInstance("X25519");
        byte[] xSpki = x25519.generateKeyPair().getPublic().getEncoded();
        List<Map<String, Object>> keys = new ArrayList<>(List.of(
                rsa,
                with(with(rsa, "kid", "enc"), "use", "enc"),
                with(with(rsa, "kid", "ops"), "key_ops", List.of("encrypt")),
                with(with(rsa, "kid", "ps256"), "alg", "PS256"),
                with(with(rsa, "kid", "hs256"), "alg", "HS256"),
                with(with(rsa, "kid", "alg-number"), "alg", 256),
                json(jwk(small.generateKeyPair().getPublic(), "small")),
                Map.of("kty", "oct", "kid", "secret", "k", "c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0"),
                Map.of(
                        "kty",
                        "OKP",
                        "crv",
                        "X25519",
                        "kid",
                        "x25519",
                        "x",
                        TestKeys.b64(java.util.Arrays.copyOfRange(xSpki, xSpki.length - 32, xSpki.length))),
                Map.of("kty", "EC", "crv", "P-384", "kid", "p384", "x", "AA", "y", "AA"),
                Map.of(
                        "kty",
                        "EC",
                        "crv",
                        "P-256",
                        "kid",
                        "off-curve",
                        "x",
                        TestKeys.b64(new byte[32]),
                        "y",
                        TestKeys.b64(new byte[32])),
                Map.of("kty", "RSA", "kid", "no-e", "n", "AQAB"),
                Map.of("kid", "no-kty")));
        keys.add(with(with(rsa, "kid", "verify-ok"), "key_ops", List.of("verify")));
        KeySet set = KeySet.fromJwks(jwksOfMaps(keys));
        assertThat(set.keys()).extracting(key -> key.keyId().orElseThrow()).containsExactly("good", "verify-ok");
    }

    @Test
    void anAlgMemberRestrictsTheKey() {
        KeySet set =
                KeySet.fromJwks(jwksOfMaps(List.of(with(json(jwk(TestKeys.EC.getPublic(), "ec")), "alg", "ES256"))));
        assertThat(set.keys().get(0).algorithms()).containsExactly(JwtAlgorithm.ES256);
        assertThatThrownBy(() -> KeySet.fromJwks(jwksOfMaps(List.of(
                        with(json(jwk(TestKeys.EC.getPublic(), "ec")), "alg", "RS256")))))
                .hasMessageContaining("no usable signature key")
                .hasMessageContaining("cannot verify RS256");
    }

    @Test
    void documentsThatAreNotKeySetsAreRefused() {
        for (String document : List.of(
                "", "null", "[]", "{}", "{\"keys\":null}", "{\"keys\":\"x\"}", "{\"keys\":[1]}", "{\"keys\":[]}")) {
            assertThatThrownBy(() -> KeySet.fromJwks(document))
                    .as(document)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void setsAreEqualWhateverTheOrder() {
        VerificationKey a = VerificationKey.of(TestKeys.RSA.getPublic()).withKeyId("a");
        VerificationKey b = VerificationKey.of(TestKeys.EC.getPublic()).withKeyId("b");
        assertThat(KeySet.of(a, b)).isEqualTo(KeySet.of(b, a)).hasSameHashCodeAs(KeySet.of(b, a));
        assertThat(KeySet.of(a, b)).isNotEqualTo(KeySet.of(a));
        assertThat(KeySet.of(a))
                .isNotEqualTo(
                        KeySet.of(VerificationKey.of(TestKeys.RSA.getPublic()).withKeyId("other")));
        assertThat(VerificationKey.hmac(JwtAlgorithm.HS256, TestKeys.SECRET_32))
                .isEqualTo(VerificationKey.hmac(JwtAlgorithm.HS256, TestKeys.secret(32, 1)))
                .isNotEqualTo(VerificationKey.hmac(JwtAlgorithm.HS256, TestKeys.secret(32, 2)));
        assertThat(VerificationKey.hmac(JwtAlgorithm.HS256, TestKeys.SECRET_32).toString())
                .doesNotContain("1")
                .contains("HS256");
    }

    @Test
    void candidatesFollowTheKeyIdAndTheFamily() {
        VerificationKey named = VerificationKey.of(TestKeys.RSA.getPublic()).withKeyId("a");
        VerificationKey unnamed = VerificationKey.of(TestKeys.RSA_OTHER.getPublic());
        VerificationKey ec = VerificationKey.of(TestKeys.EC.getPublic()).withKeyId("a");
        KeySet set = KeySet.of(named, unnamed, ec);
        assertThat(set.candidates(JwtAlgorithm.RS256, "a")).containsExactly(named);
        assertThat(set.candidates(JwtAlgorithm.RS256, "b")).containsExactly(unnamed);
        assertThat(set.candidates(JwtAlgorithm.RS256, null)).containsExactly(named, unnamed);
        assertThat(set.candidates(JwtAlgorithm.ES256, "a")).containsExactly(ec);
        assertThat(set.candidates(JwtAlgorithm.ES256, "b")).isEmpty();
        assertThat(set.candidates(JwtAlgorithm.HS256, null)).isEmpty();
    }
}
