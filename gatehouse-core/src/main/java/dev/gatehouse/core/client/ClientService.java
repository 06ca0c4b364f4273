package dev.gatehouse.core.client;

import dev.gatehouse.core.secret.KeyedHash;
import dev.gatehouse.core.secret.RandomSource;
import dev.gatehouse.core.secret.Sha256;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/** Registering clients and checking their secrets. */
public final class ClientService {
    private static final int SECRET_BYTES = 32;

    private final ClientStore store;
    private final KeyedHash secretHash;
    private final Clock clock;
    private final RandomSource random;
    private final String dummyHash;
    private final AtomicReference<Registered> registered = new AtomicReference<>();

    /**
     * How old the view of which clients exist may be. A client deleted on this node is gone from it at
     * once; one deleted on another node within this, the bound every revocation keeps.
     */
    static final Duration REGISTERED_VIEW_AGE = Duration.ofSeconds(1);

    /** Every client's id and creation time, as read at {@code readAt}: a few dozen entries. */
    private record Registered(Map<String, Instant> since, Instant readAt) {}

    public ClientService(ClientStore store, KeyedHash secretHash, Clock clock, RandomSource random) {
        this.store = store;
        this.secretHash = secretHash;
        this.clock = clock;
        this.random = random;
        this.dummyHash = secretHash.hex("no client has this secret");
    }

    /** Registers a client with no scope list and no cookie checks; empty when the id is taken. */
    public Optional<NewClient> create(ClientId id, ClientType type, Set<GrantType> grants, List<String> audiences) {
        return create(id, type, NewClientSettings.of(grants, audiences));
    }

    /**
     * Registers a client; empty when the id is taken. A secret, when the type has one, is 256 random bits.
     * Only a resource server may check cookie sessions. A web or public client's sign-in registration
     * must pass {@link SignInRegistration#problem}, and the id must not have the shape of an account id
     * ({@link ClientId#hasTheShapeOfAnAccountId}): callers check both first and say what is wrong.
     */
    public Optional<NewClient> create(ClientId id, ClientType type, NewClientSettings settings) {
        if (ClientId.hasTheShapeOfAnAccountId(id.value())) {
            throw new IllegalArgumentException(ClientId.SHAPE_OF_AN_ACCOUNT_ID);
        }
        settings.signIn().problem(type).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        Optional<String> secret = type.hasSecret()
                ? Optional.of(Base64.getUrlEncoder().withoutPadding().encodeToString(random.nextBytes(SECRET_BYTES)))
                : Optional.empty();
        Client client = new Client(
                id,
                type,
                secret.map(secretHash::hex),
                settings.grants(),
                settings.audiences(),
                settings.scopes(),
                settings.sessionIntrospection() && type == ClientType.RESOURCE_SERVER,
                settings.signIn(),
                clock.instant().truncatedTo(ChronoUnit.MILLIS));
        if (!store.insert(client)) {
            return Optional.empty();
        }
        registered.set(null);
        return Optional.of(new NewClient(client, secret));
    }

    /**
     * The client whose id and secret these are. Unknown ids are compared against a dummy hash so the
     * answer takes the same time; first-party clients have no secret and never authenticate here.
     */
    public Optional<Client> authenticate(String rawId, String secret) {
        Optional<Client> client = ClientId.isValid(rawId) ? store.find(new ClientId(rawId)) : Optional.empty();
        String expected = client.flatMap(Client::secretHash).orElse(dummyHash);
        boolean matches = Sha256.constantTimeEquals(expected, secretHash.hex(secret));
        return matches ? client.filter(c -> c.secretHash().isPresent()) : Optional.empty();
    }

    public Optional<Client> find(String rawId) {
        return ClientId.isValid(rawId) ? store.find(new ClientId(rawId)) : Optional.empty();
    }

    public List<Client> list() {
        return store.list();
    }

    /**
     * Removes the client's registration only. Its logins outlive it unless ended first: use the admin
     * use case, which does both.
     */
    public boolean delete(ClientId id) {
        boolean deleted = store.delete(id);
        registered.set(null);
        return deleted;
    }

    /**
     * When the client with this id was registered, if it still is: asked on every bearer check and
     * introspection and by every open revocation stream, so it reads the store at most once per
     * {@link #REGISTERED_VIEW_AGE}, not once per request.
     */
    public Optional<Instant> registeredSince(String rawId) {
        Instant now = clock.instant();
        Registered view = registered.get();
        if (view == null || Duration.between(view.readAt(), now).compareTo(REGISTERED_VIEW_AGE) >= 0) {
            view = new Registered(
                    store.list().stream().collect(Collectors.toUnmodifiableMap(c -> c.id().value(), Client::createdAt)),
                    now);
            registered.set(view);
        }
        return Optional.ofNullable(view.since().get(rawId));
    }
}
