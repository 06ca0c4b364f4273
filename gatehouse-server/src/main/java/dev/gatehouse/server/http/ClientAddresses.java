package dev.gatehouse.server.http;

import dev.gatehouse.core.session.ClientDetails;
import dev.gatehouse.server.config.TrustedProxies;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * Who sent a request: the TCP peer, or — only when the peer is a trusted proxy — the nearest address
 * in {@code X-Forwarded-For} that is not itself a trusted proxy. Reading the header from right to left
 * means a client cannot choose its address by sending its own {@code X-Forwarded-For}.
 */
public final class ClientAddresses {
    private final TrustedProxies trusted;

    public ClientAddresses(TrustedProxies trusted) {
        this.trusted = trusted;
    }

    /** The TCP peer's address: the client, or the proxy in front of it. */
    static String peer(ServerRequest request) {
        return request.remotePeer().address() instanceof InetSocketAddress socket && socket.getAddress() != null
                ? socket.getAddress().getHostAddress()
                : "unknown";
    }

    public String of(ServerRequest request) {
        String peer = peer(request);
        if (trusted.isEmpty() || !trusted.contains(peer)) {
            return peer;
        }
        List<String> forwarded = request.headers().all(HeaderNames.X_FORWARDED_FOR, List::of);
        String client = peer;
        for (int i = forwarded.size() - 1; i >= 0; i--) {
            String[] hops = forwarded.get(i).split(",");
            for (int j = hops.length - 1; j >= 0; j--) {
                String hop = hops[j].strip();
                if (hop.isEmpty()) {
                    continue;
                }
                client = hop;
                if (!trusted.contains(hop)) {
                    return hop;
                }
            }
        }
        return client;
    }

    public ClientDetails details(ServerRequest request) {
        String userAgent = request.headers().first(HeaderNames.USER_AGENT).orElse("");
        return new ClientDetails(of(request), userAgent);
    }
}
