/**
 * What administrators do, from the admin API, the admin console or the CLI alike: lock, unlock and
 * delete accounts, end their logins, register and delete clients, rotate keys, read the audit trail.
 * Each use case ends what it must end and records itself, so every entry point gets the same rules.
 */
@NullMarked
package dev.gatehouse.core.admin;

import org.jspecify.annotations.NullMarked;
