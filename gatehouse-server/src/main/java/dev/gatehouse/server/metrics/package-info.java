/**
 * Prometheus metrics through Micrometer: the registry and the meters of the HTTP edge, the audit trail,
 * the hashing pool, the rate limiter and the revocation streams, and the management listener that
 * serves them. The only package besides the composition root that sees Micrometer: the core reports
 * through plain accessors and its audit sink. docs/operations.md lists every meter.
 */
@NullMarked
package dev.gatehouse.server.metrics;

import org.jspecify.annotations.NullMarked;
