package dev.gatehouse.server.pages.admin;

import dev.gatehouse.core.account.Account;
import dev.gatehouse.core.account.AccountId;
import dev.gatehouse.core.account.AccountService;
import dev.gatehouse.core.admin.AdminService;
import dev.gatehouse.core.audit.AuditEvent;
import dev.gatehouse.core.audit.AuditQuery;
import dev.gatehouse.core.audit.AuditType;
import dev.gatehouse.server.http.Caller;
import dev.gatehouse.server.http.HttpIo;
import dev.gatehouse.server.http.Route;
import dev.gatehouse.server.http.StoredTime;
import dev.gatehouse.server.pages.Flash;
import dev.gatehouse.server.pages.PageChrome;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /admin/audit}: the audit trail, newest first, filtered by event type, account (its e-mail
 * address or id) and time range (UTC), paged by event id as the store pages it.
 */
public final class AuditPages {
    static final int PAGE_SIZE = 50;

    private final AdminConsole console;
    private final AdminService admin;
    private final AccountService accounts;

    AuditPages(AdminConsole console, AdminService admin, AccountService accounts) {
        this.console = console;
        this.admin = admin;
        this.accounts = accounts;
    }

    void register(HttpRouting.Builder routing, HttpIo io) {
        Route.at("/admin/audit").get(console.pages().html(this::list)).register(routing, io);
    }

    private void list(ServerRequest request, ServerResponse response) {
        Caller caller = console.requireAdmin(request);
        AuditFilter filter = AuditFilter.of(request);
        List<Flash> problems = new ArrayList<>();
        Optional<AuditType> type = filter.type().isEmpty() ? Optional.empty() : AuditType.fromWire(filter.type());
        if (!filter.type().isEmpty() && type.isEmpty()) {
            problems.add(Flash.error("There is no event type called " + filter.type() + "."));
        }
        Optional<Instant> from = time(filter.from(), "From", problems);
        Optional<Instant> to = time(filter.to(), "To", problems);
        Optional<String> accountId = account(filter.account());
        if (!filter.account().isEmpty() && accountId.isEmpty()) {
            problems.add(Flash.error("No account has the address or id " + filter.account()
                    + "; a deleted account's events are found by its id."));
        }
        List<EventRow> rows = List.of();
        Optional<String> older = Optional.empty();
        if (problems.isEmpty()) {
            AuditQuery query = new AuditQuery(accountId, type, from, to, filter.before(), PAGE_SIZE);
            List<AuditEvent> events = admin.auditEvents(query);
            rows = events.stream().map(EventRow::of).toList();
            if (events.size() == PAGE_SIZE) {
                older = Optional.of(filter.link(events.getLast().id()));
            }
        }
        console.send(
                response,
                problems.isEmpty() ? 200 : 400,
                "admin/audit.jte",
                new AuditPage(
                        console.chrome("Audit trail", caller, request, problems),
                        filter,
                        java.util.Arrays.stream(AuditType.values())
                                .map(AuditType::wireName)
                                .toList(),
                        rows,
                        filter.before().isPresent() ? Optional.of(filter.link(null)) : Optional.empty(),
                        older));
    }

    /** A {@code datetime-local} value ({@code 2026-12-02T06:00}), read as UTC. */
    private static Optional<Instant> time(String text, String label, List<Flash> problems) {
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            Instant instant = LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            if (StoredTime.holds(instant)) {
                return Optional.of(instant);
            }
        } catch (DateTimeParseException e) {
            // said below
        }
        problems.add(Flash.error(label + " must be a date and time from 1970 to 9999 like 2026-12-02T06:00 (UTC)."));
        return Optional.empty();
    }

    /** An e-mail address names an existing account; anything else is taken as an id (deleted accounts too). */
    private Optional<String> account(String text) {
        if (text.isEmpty()) {
            return Optional.empty();
        }
        if (text.contains("@")) {
            return accounts.findByEmail(text).map(Account::id).map(AccountId::value);
        }
        return AccountId.parse(text).map(AccountId::value);
    }

    public record AuditPage(
            PageChrome chrome,
            AuditFilter filter,
            List<String> types,
            List<EventRow> events,
            Optional<String> newest,
            Optional<String> older) {}

    /** The filters as typed, kept in the form and in the paging links. */
    public record AuditFilter(String type, String account, String from, String to, Optional<Long> before) {
        static AuditFilter of(ServerRequest request) {
            return new AuditFilter(
                    text(request, "type", 64),
                    text(request, "account", 254),
                    text(request, "from", 32),
                    text(request, "to", 32),
                    request.query().first("before").asOptional().flatMap(AuditFilter::number));
        }

        private static String text(ServerRequest request, String name, int max) {
            String value =
                    request.query().first(name).asOptional().map(String::strip).orElse("");
            return value.length() > max ? value.substring(0, max) : value;
        }

        private static Optional<Long> number(String text) {
            try {
                long value = Long.parseLong(text);
                return value > 0 ? Optional.of(value) : Optional.empty();
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }

        /** This filter's page of events older than {@code before} (null: the newest). */
        String link(Long before) {
            Map<String, String> parameters = new LinkedHashMap<>();
            parameters.put("type", type);
            parameters.put("account", account);
            parameters.put("from", from);
            parameters.put("to", to);
            StringBuilder link = new StringBuilder("/admin/audit?");
            parameters.forEach((name, value) -> {
                if (!value.isEmpty()) {
                    link.append(name)
                            .append('=')
                            .append(URLEncoder.encode(value, StandardCharsets.UTF_8))
                            .append('&');
                }
            });
            if (before != null) {
                link.append("before=").append(before);
            }
            return link.toString().replaceAll("[?&]$", "");
        }
    }
}
