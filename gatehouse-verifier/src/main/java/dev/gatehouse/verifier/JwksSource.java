package dev.gatehouse.verifier;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import dev.gatehouse.jwt.SigningAlgorithm;
import dev.gatehouse.jwt.VerificationKey;
import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The issuer's signing keys: found through its RFC 8414 metadata, cached as long as
 * {@code Cache-Control: max-age} says (within 30 s and 1 h), and fetched again for an unknown
 * {@code kid} — but at most once per cool-down, so random kids cannot make it hammer the issuer.
 * Each key is accepted only with one algorithm and the key type that algorithm needs.
 */
final class JwksSource {
    private static final Duration MIN_AGE = Duration.ofSeconds(30);
    private static final Duration MAX_AGE = Duration.ofHours(1);
    private static final Duration DEFAULT_AGE = Duration.ofMinutes(5);
    private static final Pattern MAX_AGE_DIRECTIVE = Pattern.compile("max-age=(\\d{1,9})");

    private final URI issuer;
    private final HttpFetcher http;
    private final Clock clock;
    private final Duration cooldown;

    private volatile Map<String, VerificationKey> keys = Map.of();
    private volatile Instant freshUntil = Instant.MIN;
    private Instant lastAttempt = Instant.MIN;
    private URI jwksUri;

    static final class KeysUnavailableException extends Exception {
        private static final long serialVersionUID = 1L;

        KeysUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    JwksSource(URI issuer, HttpFetcher http, Clock clock, Duration cooldown) {
        this.issuer = issuer;
        this.http = http;
        this.clock = clock;
        this.cooldown = cooldown;
    }

    /** The key named {@code kid}, fetching the set again when it is stale or lacks that kid (cool-down permitting). */
    Optional<VerificationKey> find(String kid) throws KeysUnavailableException {
        Instant now = clock.instant();
        if (now.isAfter(freshUntil)) {
            refresh(now);
        }
        VerificationKey key = keys.get(kid);
        if (key == null) {
            refresh(now);
            key = keys.get(kid);
        }
        return Optional.ofNullable(key);
    }

    private synchronized void refresh(Instant now) throws KeysUnavailableException {
        boolean coolingDown =
                lastAttempt != Instant.MIN && Duration.between(lastAttempt, now).compareTo(cooldown) < 0;
        if (coolingDown) {
            if (keys.isEmpty()) {
                throw new KeysUnavailableException(
                        "no keys, and the last fetch failed less than " + cooldown + " ago", null);
            }
            return;
        }
        lastAttempt = now;
        try {
            if (jwksUri == null) {
                jwksUri = discover();
            }
            HttpFetcher.Response response = http.get(jwksUri, Optional.empty());
            keys = accepted(JWKSet.parse(response.body()));
            freshUntil = now.plus(maxAge(response.cacheControl()));
        } catch (HttpFetcher.FetchException | ParseException | RuntimeException e) {
            if (keys.isEmpty()) {
                throw new KeysUnavailableException("cannot fetch the issuer's keys: " + e.getMessage(), e);
            }
            // Keep the keys we have; try again after the cool-down.
        }
    }

    private URI discover() throws HttpFetcher.FetchException, ParseException {
        URI metadataUri = URI.create(issuer + "/.well-known/oauth-authorization-server");
        Map<String, Object> metadata =
                JSONObjectUtils.parse(http.get(metadataUri, Optional.empty()).body());
        if (!issuer.toString().equals(metadata.get("issuer"))) {
            throw new HttpFetcher.FetchException(
                    "metadata names issuer " + metadata.get("issuer") + ", expected " + issuer);
        }
        if (!(metadata.get("jwks_uri") instanceof String jwks)) {
            throw new HttpFetcher.FetchException("metadata has no jwks_uri");
        }
        URI uri = URI.create(jwks);
        if (!http.sameOrigin(uri)) {
            throw new HttpFetcher.FetchException("jwks_uri " + uri + " is not on the issuer's origin");
        }
        return uri;
    }

    private static Map<String, VerificationKey> accepted(JWKSet set) {
        Map<String, VerificationKey> result = new HashMap<>();
        for (JWK key : set.getKeys()) {
            if (key.getKeyID() == null
                    || key.getAlgorithm() == null
                    || key.isPrivate()
                    || (key.getKeyUse() != null && key.getKeyUse() != KeyUse.SIGNATURE)) {
                continue;
            }
            Optional<SigningAlgorithm> algorithm = algorithm(key);
            algorithm.ifPresent(alg -> {
                try {
                    result.put(key.getKeyID(), VerificationKey.of(key, alg));
                } catch (IllegalArgumentException e) {
                    // A key that does not fit its algorithm (a point off the curve, say) is left out.
                }
            });
        }
        return Map.copyOf(result);
    }

    /** The key's one algorithm, when its type fits it: EC P-256 for ES256, OKP Ed25519 for EdDSA, RSA ≥ 2048 for RS256. */
    private static Optional<SigningAlgorithm> algorithm(JWK key) {
        String alg = key.getAlgorithm().getName();
        if (alg.equals("ES256") && key instanceof ECKey ec && Curve.P_256.equals(ec.getCurve())) {
            return Optional.of(SigningAlgorithm.ES256);
        }
        if (alg.equals("EdDSA") && key instanceof OctetKeyPair okp && Curve.Ed25519.equals(okp.getCurve())) {
            return Optional.of(SigningAlgorithm.EdDSA);
        }
        if (alg.equals("RS256") && key instanceof RSAKey rsa && rsa.size() >= 2048) {
            return Optional.of(SigningAlgorithm.RS256);
        }
        return Optional.empty();
    }

    private static Duration maxAge(Optional<String> cacheControl) {
        if (cacheControl.isEmpty()) {
            return DEFAULT_AGE;
        }
        Matcher m = MAX_AGE_DIRECTIVE.matcher(cacheControl.get());
        if (cacheControl.get().contains("no-store") || cacheControl.get().contains("no-cache")) {
            return MIN_AGE;
        }
        if (!m.find()) {
            return DEFAULT_AGE;
        }
        Duration age = Duration.ofSeconds(Long.parseLong(m.group(1)));
        return age.compareTo(MIN_AGE) < 0 ? MIN_AGE : age.compareTo(MAX_AGE) > 0 ? MAX_AGE : age;
    }
}
