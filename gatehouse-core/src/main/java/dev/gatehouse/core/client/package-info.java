/**
 * Clients: first-party apps, confidential services and resource servers, with their grants,
 * audiences and (for those that can keep one) a secret stored as a keyed hash.
 */
@NullMarked
package dev.gatehouse.core.client;

import org.jspecify.annotations.NullMarked;
