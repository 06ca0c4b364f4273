package dev.gatehouse.core.audit;

import java.util.Optional;

/**
 * Who did an audited act and from where: handed to every use case that changes state, so the use
 * case records its own event and no entry point can forget to.
 *
 * @param name {@code self}, {@code admin:<account id>}, {@code cli}, {@code system} or a client id
 * @param ipAddress the client address, for acts that came over the network
 */
public record Actor(String name, Optional<String> ipAddress) {
    public static final Actor CLI = new Actor("cli", Optional.empty());
    public static final Actor SYSTEM = new Actor("system", Optional.empty());

    /** The signed-in person acting on their own account. */
    public static Actor self(String ipAddress) {
        return new Actor("self", Optional.of(ipAddress));
    }

    /** An administrator, by account id. */
    public static Actor admin(String accountId, String ipAddress) {
        return new Actor("admin:" + accountId, Optional.of(ipAddress));
    }

    /** A client application acting for a user or for itself. */
    public static Actor client(String clientId, String ipAddress) {
        return new Actor(clientId, Optional.of(ipAddress));
    }

    /** The same actor, now known to act from {@code address} (the rate limiter's refusals). */
    public static Actor systemAt(String address) {
        return new Actor("system", Optional.of(address));
    }
}
