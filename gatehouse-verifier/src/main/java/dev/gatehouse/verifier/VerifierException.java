package dev.gatehouse.verifier;

/** The verifier was built wrongly (a bad issuer URL, say). Never thrown for a bad token. */
public final class VerifierException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public VerifierException(String message) {
        super(message);
    }

    public VerifierException(String message, Throwable cause) {
        super(message, cause);
    }
}
