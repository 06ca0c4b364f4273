package dev.gatehouse.server.pages.admin;

import dev.gatehouse.server.http.AdminFactorPolicy;
import dev.gatehouse.server.http.ApiServices;
import dev.gatehouse.server.http.ClientAddresses;
import dev.gatehouse.server.http.HttpIo;
import dev.gatehouse.server.pages.Pages;
import dev.gatehouse.server.pages.Reauthentication;
import io.helidon.webserver.http.HttpRouting;
import java.time.Duration;

/**
 * The admin console's routes under {@code /admin/}, beside the JSON admin API under {@code /admin/v1/}:
 * the dashboard, users, clients, signing keys and the audit trail.
 */
public final class AdminPages {
    private final DashboardPage dashboard;
    private final UserPages users;
    private final ClientPages clients;
    private final KeyPages keys;
    private final AuditPages audit;

    public AdminPages(Pages pages, ApiServices services, ClientAddresses addresses) {
        Duration window = services.config().adminReauthentication();
        AdminConsole console = new AdminConsole(
                pages,
                addresses,
                new Reauthentication(services.stepUps(), window),
                new AdminFactorPolicy(services.config().requireMfaForAdmins(), services.factors()));
        this.dashboard = new DashboardPage(console, services.admin());
        this.users = new UserPages(
                console,
                services.admin(),
                services.accounts(),
                services.sessions(),
                services.refreshTokens(),
                services.factors(),
                services.passwordResets());
        this.clients = new ClientPages(console, services.admin(), services.clients(), services.refreshTokens());
        this.keys = new KeyPages(console, services.admin(), services.keys());
        this.audit = new AuditPages(console, services.admin(), services.accounts());
    }

    public void register(HttpRouting.Builder routing, HttpIo io) {
        dashboard.register(routing, io);
        users.register(routing, io);
        clients.register(routing, io);
        keys.register(routing, io);
        audit.register(routing, io);
    }
}
