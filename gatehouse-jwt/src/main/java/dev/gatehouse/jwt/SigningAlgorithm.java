package dev.gatehouse.jwt;

/** The JWS algorithms Gatehouse signs with. One algorithm per key; verifiers take it from the key, never the token. */
public enum SigningAlgorithm {
    /** ECDSA P-256 with SHA-256: the default, small signatures (64 bytes). */
    ES256,
    /** Ed25519 (RFC 8037): the smallest signatures and keys, fast with Bouncy Castle. */
    EdDSA,
    /** RSASSA-PKCS1-v1_5 with SHA-256 and a 2048-bit key: for verifiers that know nothing newer. */
    RS256
}
