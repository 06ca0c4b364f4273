/**
 * The admin console under {@code /admin/}: the dashboard, users, clients, signing keys and the audit
 * trail, for accounts with the admin role. Each form calls the same core use case as the admin API
 * ({@code AdminService}), so what an act ends and how it is audited does not depend on the door.
 * {@link AdminConsole} is the guard every handler goes through; {@link Reauthentication} asks for the
 * password again before the three acts that need a recent sign-in.
 */
@NullMarked
package dev.gatehouse.server.pages.admin;

import org.jspecify.annotations.NullMarked;
