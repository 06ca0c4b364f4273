package dev.gatehouse.jwt;

import com.nimbusds.jose.jwk.JWK;

/** A public key that may verify access tokens, with the one algorithm it is for. */
public record VerificationKey(JWK publicKey, SigningAlgorithm algorithm) {}
