/**
 * The core's stores in SQL that SQLite and PostgreSQL both run, over a pooled {@code DataSource};
 * the {@link dev.gatehouse.store.jdbc.SqlDialect} holds the few places where they differ.
 */
package dev.gatehouse.store.jdbc;
