package dev.gatehouse.core.key;

/**
 * Where a key is in its life: published before use ({@code NEXT}) so caches learn it in time, signing
 * ({@code ACTIVE}), then published a while longer ({@code RETIRED}) until the tokens it signed expire.
 */
public enum KeyState {
    NEXT,
    ACTIVE,
    RETIRED
}
