/**
 * OpenID Connect sign-in through the browser: authorization codes with PKCE bound to the browser
 * session that authorized them, consent remembered per account, client and scopes, and ID tokens.
 */
@NullMarked
package dev.gatehouse.core.oidc;

import org.jspecify.annotations.NullMarked;
