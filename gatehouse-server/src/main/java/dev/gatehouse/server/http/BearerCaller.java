package dev.gatehouse.server.http;

import dev.gatehouse.core.account.Account;
import dev.gatehouse.jwt.AccessTokenClaims;

/** Who sent a request, as proven by a valid access token of a live session. */
record BearerCaller(Account account, AccessTokenClaims claims) {}
