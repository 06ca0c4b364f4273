package dev.gatehouse.core.key;

import java.time.Instant;
import java.util.List;

/** Where signing keys live. Adapters pass {@code SigningKeyStoreContract}. */
public interface SigningKeyStore {

    void insert(SigningKey key);

    /** All keys, oldest first. */
    List<SigningKey> list();

    /** Moves a key from {@code expected} to {@code next}; false when it was not in {@code expected}. */
    boolean updateState(String kid, KeyState expected, KeyState next, Instant at);

    boolean delete(String kid);
}
