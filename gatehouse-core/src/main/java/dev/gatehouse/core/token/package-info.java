/** Access tokens: RFC 9068 JWTs, signed with the key ring, verified strictly, revocable by id. */
@NullMarked
package dev.gatehouse.core.token;

import org.jspecify.annotations.NullMarked;
