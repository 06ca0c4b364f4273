/**
 * Shared test suites: the store contracts every adapter runs against a real database, so SQLite,
 * PostgreSQL and the in-memory fakes are held to one behaviour.
 */
package dev.gatehouse.testkit;
