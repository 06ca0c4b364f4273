package dev.gatehouse.server.pages.admin;

import dev.gatehouse.core.admin.AdminOverview;
import dev.gatehouse.core.admin.AdminService;
import dev.gatehouse.server.http.Caller;
import dev.gatehouse.server.http.HttpIo;
import dev.gatehouse.server.http.Route;
import dev.gatehouse.server.pages.PageChrome;
import dev.gatehouse.server.pages.PageDates;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** {@code /admin/}: the few numbers an operator wants at a glance, and logins per hour as an SVG chart. */
public final class DashboardPage {
    private final AdminConsole console;
    private final AdminService admin;

    DashboardPage(AdminConsole console, AdminService admin) {
        this.console = console;
        this.admin = admin;
    }

    void register(HttpRouting.Builder routing, HttpIo io) {
        var pages = console.pages();
        Route.at("/admin")
                .get(pages.html((request, response) -> console.redirect(response, "/admin/")))
                .register(routing, io);
        Route.at("/admin/").get(pages.html(this::show)).register(routing, io);
    }

    private void show(ServerRequest request, ServerResponse response) {
        Caller caller = console.requireAdmin(request);
        AdminOverview overview = admin.overview();
        console.send(
                response,
                200,
                "admin/dashboard.jte",
                new Dashboard(
                        console.chrome("Dashboard", caller, request),
                        overview,
                        PageDates.format(overview.at()),
                        LoginChart.of(overview.loginsPerHour())));
    }

    /** @param counted when the numbers were counted */
    public record Dashboard(PageChrome chrome, AdminOverview overview, String counted, LoginChart chart) {}
}
