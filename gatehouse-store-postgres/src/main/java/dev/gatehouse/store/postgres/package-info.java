/**
 * The core's stores on PostgreSQL, the shared system of record when several Gatehouse nodes run:
 * the same SQL as the embedded store, its own migrations, a bounded connection pool.
 */
package dev.gatehouse.store.postgres;
