/**
 * The embedded default store: the core's ports on one SQLite file (WAL, {@code synchronous=FULL},
 * foreign keys on), with versioned Flyway migrations applied at start.
 */
package dev.gatehouse.store.sqlite;
