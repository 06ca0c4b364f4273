package dev.gatehouse.core.account;

/** What an account may do beyond managing itself. */
public enum Role {
    USER,
    ADMIN
}
