package dev.gatehouse.server.pages.admin;

import dev.gatehouse.core.admin.AdminService;
import dev.gatehouse.core.key.KeyService;
import dev.gatehouse.core.key.SigningKey;
import dev.gatehouse.server.http.Caller;
import dev.gatehouse.server.http.FormBody;
import dev.gatehouse.server.http.HttpIo;
import dev.gatehouse.server.http.Route;
import dev.gatehouse.server.pages.Flash;
import dev.gatehouse.server.pages.PageChrome;
import dev.gatehouse.server.pages.PageDates;
import dev.gatehouse.server.pages.Reauthentication;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** {@code /admin/keys}: the signing keys (next, active, retired) and rotating them. */
public final class KeyPages {
    private final AdminConsole console;
    private final AdminService admin;
    private final KeyService keys;

    KeyPages(AdminConsole console, AdminService admin, KeyService keys) {
        this.console = console;
        this.admin = admin;
        this.keys = keys;
    }

    void register(HttpRouting.Builder routing, HttpIo io) {
        var pages = console.pages();
        Route.at("/admin/keys").get(pages.html(this::list)).register(routing, io);
        Route.at("/admin/keys/rotate").post(pages.html(this::rotate)).register(routing, io);
    }

    private void list(ServerRequest request, ServerResponse response) {
        Caller caller = console.requireAdmin(request);
        send(request, response, 200, caller, List.of());
    }

    private void rotate(ServerRequest request, ServerResponse response) {
        FormBody form = FormBody.read(request);
        Caller caller = console.requireAdmin(request, form);
        Optional<Reauthentication.Refusal> refused = console.reauthenticate(request, response, caller, form);
        if (refused.isPresent()) {
            send(
                    request,
                    response,
                    refused.get().status(),
                    caller,
                    refused.get().flashes());
            return;
        }
        admin.rotateKeys(console.actor(request, caller));
        console.redirect(response, "/admin/keys", AdminNotice.KEYS_ROTATED);
    }

    private void send(ServerRequest request, ServerResponse response, int status, Caller caller, List<Flash> flashes) {
        List<KeyRow> rows = keys.list().stream()
                .sorted(Comparator.comparing((SigningKey k) -> k.state().ordinal())
                        .thenComparing(SigningKey::createdAt, Comparator.reverseOrder()))
                .map(KeyRow::of)
                .toList();
        console.send(
                response,
                status,
                "admin/keys.jte",
                new KeysPage(
                        console.chrome("Signing keys", caller, request, flashes),
                        rows,
                        console.reauthentication().required(caller)));
    }

    public record KeysPage(PageChrome chrome, List<KeyRow> keys, boolean askPassword) {}

    /** @param state {@code next}, {@code active} or {@code retired} */
    public record KeyRow(String kid, String algorithm, String state, String createdAt, String stateChangedAt) {
        static KeyRow of(SigningKey key) {
            return new KeyRow(
                    key.kid(),
                    key.algorithm().name(),
                    key.state().name().toLowerCase(Locale.ROOT),
                    PageDates.format(key.createdAt()),
                    PageDates.format(key.stateChangedAt()));
        }

        /** What the state means, for a person who does not know the rotation scheme. */
        public String meaning() {
            return switch (state) {
                case "active" -> "signs new tokens";
                case "next" -> "published, signs after the next rotation";
                default -> "verifies tokens it signed until they expire";
            };
        }
    }
}
