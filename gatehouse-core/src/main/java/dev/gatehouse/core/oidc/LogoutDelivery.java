package dev.gatehouse.core.oidc;

/** Posts a logout token to a client's back-channel logout URI: the network edge of back-channel logout. */
@FunctionalInterface
public interface LogoutDelivery {

    /** What became of one attempt. */
    sealed interface Outcome {
        /** The client answered 200 (section 2.8). */
        record Delivered() implements Outcome {}

        /** Worth another try later: a timeout, a refused connection, an error status. */
        record Failed(String reason) implements Outcome {}

        /** Never to be sent: the URI is not allowed (plain http, a private address). */
        record Refused(String reason) implements Outcome {}
    }

    Outcome deliver(String uri, String logoutToken);
}
