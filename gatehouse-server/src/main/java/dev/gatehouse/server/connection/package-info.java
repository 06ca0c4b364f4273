/**
 * Connections: how many the server holds (in total, below what its file descriptors allow, and per
 * client address), how slow a client may be (idle, header, body, taking an answer), and a listener
 * that is brought back should it stop accepting. docs/security.md describes the limits.
 */
@NullMarked
package dev.gatehouse.server.connection;

import org.jspecify.annotations.NullMarked;
