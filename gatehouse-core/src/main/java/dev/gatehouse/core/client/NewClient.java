package dev.gatehouse.core.client;

import java.util.Optional;

/** A client just registered, with the one copy of its secret that will ever be shown. */
public record NewClient(Client client, Optional<String> secret) {
    @Override
    public String toString() {
        return "NewClient[" + client + ", secret " + (secret.isPresent() ? "[redacted]" : "none") + "]";
    }
}
