/**
 * The audit trail: a typed event for every security-relevant act, stored for a retention period,
 * queryable, and written as one structured log line each. Never a secret in an event.
 */
@NullMarked
package dev.gatehouse.core.audit;

import org.jspecify.annotations.NullMarked;
