package dev.gatehouse.core;

/** A store could not be reached or failed to answer; the request may succeed when retried. */
public class StoreUnavailableException extends GatehouseException {
    private static final long serialVersionUID = 1L;

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
