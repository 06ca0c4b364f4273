package dev.gatehouse.core.session;

/**
 * Where a session was started from, shown to its owner in the session list.
 *
 * @param ipAddress the client address as the server saw it
 * @param userAgent the User-Agent header, cut to {@link #MAX_USER_AGENT_LENGTH} characters
 */
public record ClientDetails(String ipAddress, String userAgent) {
    public static final int MAX_USER_AGENT_LENGTH = 512;
    private static final int MAX_IP_LENGTH = 64;

    public ClientDetails {
        ipAddress = cut(ipAddress, MAX_IP_LENGTH);
        userAgent = cut(userAgent, MAX_USER_AGENT_LENGTH);
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
