package dev.gatehouse.server.http;

import dev.gatehouse.core.StoreUnavailableException;
import dev.gatehouse.core.account.HashingBusyException;
import dev.gatehouse.server.pages.AccountPages;
import dev.gatehouse.server.pages.AddressChangePages;
import dev.gatehouse.server.pages.Assets;
import dev.gatehouse.server.pages.AuthorizePages;
import dev.gatehouse.server.pages.ConnectedAppsPages;
import dev.gatehouse.server.pages.EmailVerificationPages;
import dev.gatehouse.server.pages.EndSessionPages;
import dev.gatehouse.server.pages.FactorPages;
import dev.gatehouse.server.pages.FormCsrf;
import dev.gatehouse.server.pages.PageRenderer;
import dev.gatehouse.server.pages.Pages;
import dev.gatehouse.server.pages.PasskeyPages;
import dev.gatehouse.server.pages.PasskeySignInPages;
import dev.gatehouse.server.pages.PasswordResetPages;
import dev.gatehouse.server.pages.SignInPages;
import dev.gatehouse.server.pages.admin.AdminPages;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import io.helidon.http.RequestException;
import io.helidon.webserver.http.HttpRouting;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Optional;

/**
 * The whole HTTP API as one routing function, used by {@code main} and by the black-box tests alike.
 */
public final class GatehouseRouting {
    /** Largest request body accepted; credentials and settings fit in far less. */
    public static final long MAX_PAYLOAD_BYTES = 64 * 1024;

    /**
     * Largest sum of header names and values answered with a 431. The web server's own, larger limit
     * (a hard stop, answered 400) is set apart because it cannot say which limit it hit.
     */
    public static final int MAX_HEADER_BYTES = 16 * 1024;

    /**
     * Headers that decide who calls, what the body is and where it ends. Sent twice, they make a request
     * ambiguous (a proxy may read one copy, Gatehouse the other), so a request repeating one is refused.
     * Helidon already refuses a repeated Host, Content-Length or Transfer-Encoding; they are listed so
     * the rule does not depend on that.
     */
    private static final List<HeaderName> SINGLE_HEADERS = List.of(
            HeaderNames.AUTHORIZATION,
            HeaderNames.create(CsrfPolicy.TOKEN_HEADER),
            HeaderNames.CONTENT_TYPE,
            HeaderNames.ORIGIN,
            // The revocation feed's cursor: two would be two places to resume from.
            HeaderNames.create("Last-Event-ID"),
            HeaderNames.HOST,
            HeaderNames.CONTENT_LENGTH,
            HeaderNames.TRANSFER_ENCODING);

    /**
     * What Helidon 4.5 makes of a header line that starts with its colon ({@code ": value"}); RFC 9110
     * section 5.1 wants a field name of at least one character, and a proxy may read such a line
     * otherwise.
     */
    private static final HeaderName NO_NAME = HeaderNames.create("");

    private static final System.Logger LOG = System.getLogger("gatehouse.http");

    private GatehouseRouting() {}

    public static void configure(HttpRouting.Builder routing, ApiServices services) {
        JsonCodec json = JsonCodec.SHARED;
        HttpIo io = new HttpIo(json);
        var csrf = new CsrfPolicy(
                services.config().issuerOrigin(), services.config().allowedOrigins());
        var authentication = new CookieAuthentication(services.sessions(), services.accounts(), csrf);

        Cors cors = new Cors(services.config().allowedOrigins());
        routing.addFilter(new RequestIdFilter(services.config().abuseLimits().trustedProxies()));
        routing.addFilter(new UnreadBodyFilter());
        routing.addFilter((chain, request, response) -> {
            SecurityHeaders.applyTo((name, value) -> response.header(name, value));
            if (headerBytes(request.headers()) > MAX_HEADER_BYTES) {
                io.problem(response, Problem.headersTooLarge());
                return;
            }
            if (request.headers().contains(NO_NAME)) {
                io.problem(response, Problem.of(ProblemType.BAD_REQUEST, "A header has no name."));
                return;
            }
            Optional<HeaderName> repeated = repeatedSingleHeader(request.headers());
            if (repeated.isPresent()) {
                io.problem(
                        response,
                        Problem.of(
                                ProblemType.BAD_REQUEST,
                                "The " + repeated.get().defaultCase() + " header may appear only once."));
                return;
            }
            if (cors.apply(request, response, io)) {
                return;
            }
            chain.proceed();
        });
        routing.error(ProblemException.class, (request, response, e) -> {
            e.headers().forEach(response::header);
            io.problem(response, e.problem());
        });
        routing.error(OAuthException.class, (request, response, e) -> {
            response.header("Pragma", "no-cache");
            if (e.status() == 401) {
                response.header(HeaderNames.WWW_AUTHENTICATE, "Basic realm=\"gatehouse\"");
            }
            io.json(response, e.status(), e.error());
        });
        routing.error(HashingBusyException.class, (request, response, e) -> {
            response.header(
                    "Retry-After", Long.toString(Math.max(1, e.retryAfter().toSeconds())));
            io.problem(
                    response,
                    Problem.of(
                            ProblemType.HASHING_BUSY, "Every password check is taken; try again as Retry-After says."));
        });
        routing.error(StoreUnavailableException.class, (request, response, e) -> {
            RequestIdFilter.within(request, () -> LOG.log(Level.ERROR, "store unavailable: " + e.getMessage()));
            io.problem(response, Problem.serviceUnavailable());
        });
        routing.error(
                RequestException.class, (request, response, e) -> io.problem(response, RequestBody.problemFor(e)));
        routing.error(Exception.class, (request, response, e) -> {
            RequestIdFilter.within(
                    request,
                    () -> LOG.log(
                            Level.ERROR,
                            "unexpected failure on " + request.prologue().method() + " "
                                    + request.path().path(),
                            e));
            io.problem(response, Problem.internalError());
        });

        ClientAddresses addresses =
                new ClientAddresses(services.config().abuseLimits().trustedProxies());
        Throttle throttle = new Throttle(services.rateLimiter(), addresses);
        ClientAuthentication clientAuthentication = new ClientAuthentication(services.clients());
        var bearer = new BearerAuthentication(services.grants(), services.accounts());
        new HealthRoutes(services.readiness(), io).register(routing);
        new AccountRoutes(services.accounts(), services.config().registration(), authentication, throttle, io)
                .register(routing);
        new PasswordResetRoutes(services.passwordResets(), authentication, throttle, io).register(routing);
        new EmailVerificationRoutes(services.verifications(), authentication, throttle, io).register(routing);
        new AddressChangeRoutes(services.addressChanges(), authentication, throttle, io).register(routing);
        new SessionRoutes(services.logins(), services.sessions(), authentication, addresses, io).register(routing);
        new MeRoutes(services.stepUps(), authentication, bearer, throttle, io).register(routing);
        new WellKnownRoutes(services.keys(), services.config().issuer().toString(), io).register(routing);
        new UserInfoRoutes(bearer, io).register(routing);
        new TokenRoutes(services, authentication, clientAuthentication, throttle, io).register(routing);
        new RevocationRoutes(services.grants(), clientAuthentication, throttle, io).register(routing);
        new IntrospectionRoutes(services, clientAuthentication, throttle, io).register(routing);
        new AdminRoutes(services, authentication, bearer, addresses, io).register(routing);
        new RevocationFeedRoutes(services, clientAuthentication, json, io).register(routing);
        registerPages(routing, services, authentication, csrf, throttle, io);
        routing.any((request, response) -> io.problem(response, Problem.notFound()));
    }

    /** The HTML pages: sign-in, sign-up and the account pages, with their stylesheet and script. */
    private static void registerPages(
            HttpRouting.Builder routing,
            ApiServices services,
            CookieAuthentication authentication,
            CsrfPolicy csrf,
            Throttle throttle,
            HttpIo io) {
        Assets assets = new Assets();
        assets.register(routing);
        Pages pages = new Pages(new PageRenderer(), assets, authentication, new FormCsrf(csrf));
        AuthorizePages authorize = new AuthorizePages(
                pages,
                services.authorizations(),
                services.consents(),
                throttle.addresses(),
                services.config().issuer().toString());
        authorize.register(routing, io);
        new EndSessionPages(pages, services.endSessions(), services.logins(), throttle.addresses())
                .register(routing, io);
        new SignInPages(
                        pages,
                        services.logins(),
                        services.accounts(),
                        services.sessions(),
                        services.config().registration(),
                        throttle,
                        authorize::formTargets)
                .register(routing, io);
        new PasswordResetPages(pages, services.passwordResets(), throttle).register(routing, io);
        new EmailVerificationPages(pages, services.verifications(), throttle).register(routing, io);
        new AddressChangePages(pages, services.addressChanges(), throttle).register(routing, io);
        new AccountPages(
                        pages,
                        services.logins(),
                        services.stepUps(),
                        services.sessions(),
                        services.refreshTokens(),
                        services.factors(),
                        throttle)
                .register(routing, io);
        new FactorPages(pages, services.stepUps(), services.factors(), throttle).register(routing, io);
        // WebAuthn's relying party is the issuer: its host is the RP ID (W3C WebAuthn section 5.1.2).
        String rpId = services.config().issuer().getHost();
        new PasskeyPages(pages, services.stepUps(), services.passkeys(), services.factors(), throttle, io, rpId)
                .register(routing);
        new PasskeySignInPages(pages, services.logins(), services.sessions(), throttle, io, rpId).register(routing);
        new ConnectedAppsPages(pages, services.consents(), throttle.addresses()).register(routing, io);
        new AdminPages(pages, services, throttle.addresses()).register(routing, io);
    }

    private static Optional<HeaderName> repeatedSingleHeader(Headers headers) {
        return SINGLE_HEADERS.stream()
                .filter(name ->
                        headers.find(name).filter(h -> h.valueCount() > 1).isPresent())
                .findFirst();
    }

    private static long headerBytes(Iterable<io.helidon.http.Header> headers) {
        long total = 0;
        for (io.helidon.http.Header header : headers) {
            // name, ": ", value, CRLF on each line; a name sent on many lines is one header of many values
            for (String value : header.allValues()) {
                total += header.name().length() + value.length() + 4L;
            }
        }
        return total;
    }

    /** Transport-level refusals as problems, for the web server's configuration. */
    public static io.helidon.webserver.http.DirectHandlers transportErrors() {
        return TransportErrors.handlers(new HttpIo(JsonCodec.SHARED), MAX_PAYLOAD_BYTES);
    }
}
