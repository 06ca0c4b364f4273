package dev.gatehouse.core.refresh;

/** A stored refresh token found by its hash: its family as it is now, and which generation it was. */
public record PresentedRefreshToken(RefreshFamily family, int generation) {}
