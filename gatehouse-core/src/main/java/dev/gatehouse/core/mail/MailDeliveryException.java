package dev.gatehouse.core.mail;

import dev.gatehouse.core.GatehouseException;

/** A mail could not be sent now (server down, refused, timed out): the outbox tries again later. */
public final class MailDeliveryException extends GatehouseException {
    private static final long serialVersionUID = 1L;

    public MailDeliveryException(String message, Throwable cause) {
        super(message, cause);
    }
}
