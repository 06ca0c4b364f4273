/**
 * Accounts: sign-up, password hashing (Argon2id), the password policy, locking.
 *
 * <p>Roles as in every feature package: model records ({@link dev.gatehouse.core.account.Account}),
 * one service ({@link dev.gatehouse.core.account.AccountService}), one port
 * ({@link dev.gatehouse.core.account.AccountStore}) and sealed outcomes.
 */
@NullMarked
package dev.gatehouse.core.account;

import org.jspecify.annotations.NullMarked;
