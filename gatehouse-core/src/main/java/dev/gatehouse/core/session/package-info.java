/**
 * Sessions: one record per login, found by the SHA-256 of a 256-bit token, with idle and absolute
 * timeouts and revocation.
 *
 * <p>Roles: model records ({@link dev.gatehouse.core.session.Session}), one service
 * ({@link dev.gatehouse.core.session.SessionService}), one port
 * ({@link dev.gatehouse.core.session.SessionStore}) and sealed outcomes
 * ({@link dev.gatehouse.core.session.SessionCheck}).
 */
@NullMarked
package dev.gatehouse.core.session;

import org.jspecify.annotations.NullMarked;
