package dev.gatehouse.core.key;

/** What a rotation did: which key now signs, which retired, which waits. */
public record RotationOutcome(String activated, String retired, String next) {}
