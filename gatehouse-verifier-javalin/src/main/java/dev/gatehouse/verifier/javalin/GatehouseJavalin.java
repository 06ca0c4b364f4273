package dev.gatehouse.verifier.javalin;

import dev.gatehouse.jwt.BearerToken;
import dev.gatehouse.verifier.GatehouseVerifier;
import dev.gatehouse.verifier.VerificationResult;
import dev.gatehouse.verifier.VerifiedToken;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.lang.System.Logger.Level;
import java.util.Optional;

/**
 * Gatehouse access tokens for Javalin: a before-handler that admits only requests with a valid
 * {@code Authorization: Bearer} token, answering others with 401 and {@code WWW-Authenticate} (RFC 6750
 * section 3), and puts the {@link VerifiedToken} where route handlers find it.
 *
 * <pre>{@code
 * Javalin.create(config -> {
 *     config.routes.before("/api/*", GatehouseJavalin.bearerAuthentication(verifier, "orders"));
 *     config.routes.get("/api/orders", ctx -> ctx.result(GatehouseJavalin.token(ctx).subject()));
 * });
 * }</pre>
 */
public final class GatehouseJavalin {
    static final String TOKEN_ATTRIBUTE = VerifiedToken.class.getName();
    private static final System.Logger LOG = System.getLogger("gatehouse.verifier");

    private GatehouseJavalin() {}

    public static Handler bearerAuthentication(GatehouseVerifier verifier, String realm) {
        String cleanRealm = realm.replace("\"", "");
        return ctx -> {
            Optional<String> token = BearerToken.from(ctx.header("Authorization"));
            if (token.isEmpty()) {
                // RFC 6750 section 3.1: no error code when the request had no credentials at all.
                refuse(ctx, "Bearer realm=\"" + cleanRealm + "\"");
                return;
            }
            switch (verifier.verify(token.get())) {
                case VerificationResult.Verified verified -> ctx.attribute(TOKEN_ATTRIBUTE, verified.token());
                case VerificationResult.Rejected rejected -> {
                    LOG.log(Level.DEBUG, "token rejected: " + rejected.reason() + ": " + rejected.detail());
                    refuse(ctx, "Bearer realm=\"" + cleanRealm + "\", error=\"invalid_token\"");
                }
            }
        };
    }

    /** The token the before-handler verified for this request. */
    public static VerifiedToken token(Context ctx) {
        VerifiedToken token = ctx.attribute(TOKEN_ATTRIBUTE);
        if (token == null) {
            throw new IllegalStateException(
                    "no verified token: is bearerAuthentication() registered before this route?");
        }
        return token;
    }

    private static void refuse(Context ctx, String challenge) {
        ctx.status(401)
                .header("WWW-Authenticate", challenge)
                .header("Cache-Control", "no-store")
                .contentType("application/json")
                .result("{\"error\":\"invalid_token\"}");
        ctx.skipRemainingHandlers();
    }
}
