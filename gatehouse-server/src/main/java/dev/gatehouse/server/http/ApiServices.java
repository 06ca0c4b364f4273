package dev.gatehouse.server.http;

import dev.gatehouse.core.account.AccountService;
import dev.gatehouse.core.admin.AdminService;
import dev.gatehouse.core.client.ClientService;
import dev.gatehouse.core.email.AddressChangeService;
import dev.gatehouse.core.email.EmailVerificationService;
import dev.gatehouse.core.email.PasswordResetService;
import dev.gatehouse.core.factor.SecondFactorService;
import dev.gatehouse.core.grant.GrantService;
import dev.gatehouse.core.key.KeyService;
import dev.gatehouse.core.limit.RateLimiter;
import dev.gatehouse.core.login.LoginService;
import dev.gatehouse.core.login.StepUpService;
import dev.gatehouse.core.oidc.AuthorizationService;
import dev.gatehouse.core.oidc.ConsentService;
import dev.gatehouse.core.oidc.EndSessionService;
import dev.gatehouse.core.passkey.PasskeyService;
import dev.gatehouse.core.refresh.RefreshService;
import dev.gatehouse.core.revocation.RevocationFeed;
import dev.gatehouse.core.session.SessionService;
import dev.gatehouse.core.token.AccessTokenService;
import dev.gatehouse.server.config.GatehouseConfig;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * What the HTTP edge may use: the configuration and the core's services, never a store nor the audit
 * trail (the use cases record their own events).
 *
 * @param revocationStreams the node's revocation streams: their caps and what they report to metrics
 * @param clock what the edge reads the time from (the admin console's re-authentication window)
 * @param readiness whether the store (and Redis, when configured) can be reached
 */
public record ApiServices(
        GatehouseConfig config,
        AccountService accounts,
        SessionService sessions,
        ClientService clients,
        KeyService keys,
        AccessTokenService accessTokens,
        RefreshService refreshTokens,
        RevocationFeed revocationFeed,
        RateLimiter rateLimiter,
        LoginService logins,
        StepUpService stepUps,
        SecondFactorService factors,
        PasskeyService passkeys,
        GrantService grants,
        AdminService admin,
        PasswordResetService passwordResets,
        EmailVerificationService verifications,
        AddressChangeService addressChanges,
        AuthorizationService authorizations,
        ConsentService consents,
        EndSessionService endSessions,
        RevocationStreams revocationStreams,
        Clock clock,
        Supplier<Readiness> readiness) {}
