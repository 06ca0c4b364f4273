/**
 * The HTTP edge: each route parses a request record, calls one service, and maps the outcome to a
 * response or an RFC 9457 problem. No store is reachable from here.
 */
@NullMarked
package dev.gatehouse.server.http;

import org.jspecify.annotations.NullMarked;
