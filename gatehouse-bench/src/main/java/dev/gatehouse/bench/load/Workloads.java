package dev.gatehouse.bench.load;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

/** The suite's workloads: what an auth server is asked all day, and two ceilings beside them. */
final class Workloads {
    private Workloads() {}

    static List<Workload> all() {
        return List.of(
                fixed("noop", 32, t -> Request.get("/health/live").bytes(t.hostHeader())),
                fixed("jwks", 32, t -> Request.get("/.well-known/jwks.json").bytes(t.hostHeader())),
                refresh(),
                stateful("me-cookie", 32, (t, c) -> {
                    byte[] me = Request.get("/v1/me")
                            .header("Cookie", t.loginForCookie(c))
                            .bytes(t.hostHeader());
                    return () -> me;
                }),
                stateful("me-bearer", 32, (t, c) -> {
                    String token = Target.field(t.loginForTokens(c), "access_token");
                    byte[] me = Request.get("/v1/me")
                            .header("Authorization", "Bearer " + token)
                            .bytes(t.hostHeader());
                    return () -> me;
                }),
                stateful("introspection", 32, (t, c) -> {
                    String token = Target.field(t.loginForTokens(c), "access_token");
                    byte[] introspect = Request.post("/oauth2/introspect")
                            .basic(t.resourceServer(), t.resourceSecret())
                            .form(Map.of("token", token))
                            .bytes(t.hostHeader());
                    return () -> introspect;
                }),
                fixed("client-credentials", 32, Workloads::clientCredentials),
                revocation(),
                // The logins come last. At 60-70 a second they run the code they share with the rest (the
                // HTTP server, JSON, SQLite, ES256, the group commit) too seldom for the JIT to finish with
                // it in a warm-up; after the busy workloads it is compiled, as in a server that has run
                // for a while, and what a login costs beside its hash is its own work.
                accountPerConnection("token-login", 16, Target::tokenLogin),
                accountPerConnection("cookie-login", 16, Target::cookieLogin));
    }

    private static byte[] clientCredentials(Target t) {
        return Request.post("/oauth2/token")
                .basic(t.serviceClient(), t.serviceSecret())
                .form(Map.of("grant_type", "client_credentials"))
                .bytes(t.hostHeader());
    }

    /**
     * The same request every time, answered 2xx, each connection logging in to an account of its own, as
     * people do. With one account for all, it kept 1,000 sessions (the most an account keeps) after the
     * first 17 s, and every later login also ended the least recently used one: 0.6 ms of the server's
     * CPU a login, measured in the login and not in what the workload is about.
     */
    private static Workload accountPerConnection(
            String name, int connections, java.util.function.Function<Target, byte[]> request) {
        AtomicInteger accounts = new AtomicInteger();
        return stateful(name, connections, (t, c) -> {
            byte[] bytes = request.apply(t.signedUpAs(name + "-" + accounts.incrementAndGet() + "@example.com", c));
            return () -> bytes;
        });
    }

    /** The same request every time, answered 2xx. */
    private static Workload fixed(String name, int connections, java.util.function.Function<Target, byte[]> request) {
        return stateful(name, connections, (t, c) -> {
            byte[] bytes = request.apply(t);
            return () -> bytes;
        });
    }

    private static Workload stateful(
            String name,
            int connections,
            BiFunction<Target, HttpConnection, java.util.function.Supplier<byte[]>> setUp) {
        return new Workload() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public int connections() {
                return connections;
            }

            @Override
            public Caller caller(Target target, HttpConnection connection) {
                java.util.function.Supplier<byte[]> next = setUp.apply(target, connection);
                return new Caller() {
                    @Override
                    public byte[] next() {
                        return next.get();
                    }

                    @Override
                    public boolean accept(HttpConnection.Response response) {
                        return response.status() / 100 == 2;
                    }
                };
            }
        };
    }

    /** Each connection its own token login, refreshed in a chain: every request rotates and audits. */
    private static Workload refresh() {
        return new Workload() {
            @Override
            public String name() {
                return "refresh";
            }

            @Override
            public int connections() {
                return 32;
            }

            @Override
            public Caller caller(Target target, HttpConnection connection) {
                String[] token = {Target.field(target.loginForTokens(connection), "refresh_token")};
                return new Caller() {
                    @Override
                    public byte[] next() {
                        return Request.post("/oauth2/token")
                                .form(Map.of(
                                        "grant_type",
                                        "refresh_token",
                                        "refresh_token",
                                        token[0],
                                        "client_id",
                                        target.appClient()))
                                .bytes(target.hostHeader());
                    }

                    @Override
                    public boolean accept(HttpConnection.Response response) {
                        if (response.status() != 200) {
                            return false;
                        }
                        token[0] = Target.field(response.body(), "refresh_token");
                        return true;
                    }
                };
            }
        };
    }

    /** RFC 7009 revocation of a fresh access token; minting it (client credentials) is not timed. */
    private static Workload revocation() {
        return new Workload() {
            @Override
            public String name() {
                return "revocation";
            }

            @Override
            public int connections() {
                return 32;
            }

            @Override
            public Caller caller(Target target, HttpConnection connection) {
                byte[] mint = clientCredentials(target);
                // Two requests in turn: the mint, untimed, then the revocation of what it minted.
                return new Caller() {
                    private String token;

                    @Override
                    public byte[] next() {
                        if (token == null) {
                            return mint;
                        }
                        return Request.post("/oauth2/revoke")
                                .basic(target.serviceClient(), target.serviceSecret())
                                .form(Map.of("token", token))
                                .bytes(target.hostHeader());
                    }

                    @Override
                    public boolean timed() {
                        return token != null;
                    }

                    @Override
                    public boolean accept(HttpConnection.Response response) {
                        if (token == null) {
                            if (response.status() != 200) {
                                return false;
                            }
                            token = Target.field(response.body(), "access_token");
                            return true;
                        }
                        token = null;
                        return response.status() == 200;
                    }
                };
            }
        };
    }
}
