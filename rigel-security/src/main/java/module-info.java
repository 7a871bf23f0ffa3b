/**
 * JWT issuing and verification on Nimbus JOSE+JWT, token revocation on a {@code Store}, and JWKS
 * key sources for resource servers. The API shows only JDK and Rigel types; Nimbus stays inside.
 */
module dev.rigel.security {
    requires transitive dev.rigel.core;
    requires com.nimbusds.jose.jwt;
    // JwksKeySource fetches key sets over HTTP
    requires java.net.http;
    requires org.slf4j;

    exports dev.rigel.security.jwt;
}
