/**
 * The OAuth use cases: tokens for a first-party app's login, refresh, client credentials and the
 * cookie-to-JWT exchange (each through {@link dev.gatehouse.core.client.ScopePolicy}), RFC 7009
 * revocation and RFC 7662 introspection with its rule of who may learn what.
 */
@NullMarked
package dev.gatehouse.core.grant;

import org.jspecify.annotations.NullMarked;
