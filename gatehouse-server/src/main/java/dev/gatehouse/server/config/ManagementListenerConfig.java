package dev.gatehouse.server.config;

import java.util.OptionalInt;

/**
 * Where the management listener (Prometheus {@code /metrics}) listens, apart from the public port.
 *
 * @param host the address it binds: loopback unless the operator widens it
 * @param port empty when it is off (the default); 0 picks a free port
 */
public record ManagementListenerConfig(String host, OptionalInt port) {

    public boolean enabled() {
        return port.isPresent();
    }
}
