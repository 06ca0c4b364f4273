package dev.gatehouse.core;

/**
 * Root of every unchecked exception Gatehouse throws on purpose.
 *
 * <p>Expected outcomes (a wrong password, an expired session) are values, never exceptions; an
 * exception under this root means a bug or an outage, and the HTTP edge answers it without revealing
 * its message.
 */
public class GatehouseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public GatehouseException(String message) {
        super(message);
    }

    public GatehouseException(String message, Throwable cause) {
        super(message, cause);
    }
}
