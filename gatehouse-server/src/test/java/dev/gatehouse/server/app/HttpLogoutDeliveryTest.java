package dev.gatehouse.server.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.gatehouse.core.oidc.LogoutDelivery;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The back-channel SSRF guard refuses before it connects (IP literals resolve without the network). */
class HttpLogoutDeliveryTest {

    /**
     * DNS rebinding: a name that answers the check with one address and the connection with another. The
     * name is resolved once; the connection goes to the address that was checked, naming the host.
     */
    @Test
    void connectsToTheAddressItCheckedWithoutAskingTheNameAgain() throws Exception {
        List<String> hosts = new CopyOnWriteArrayList<>();
        List<String> bodies = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/bc", exchange -> {
            hosts.add(exchange.getRequestHeaders().getFirst("Host"));
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        AtomicInteger lookups = new AtomicInteger();
        HttpLogoutDelivery.Resolver rebinding = host -> lookups.getAndIncrement() == 0
                ? new InetAddress[] {InetAddress.getByName("127.0.0.1")}
                : new InetAddress[] {InetAddress.getByName("10.0.0.7")};
        try {
            int port = receiver.getAddress().getPort();
            LogoutDelivery.Outcome outcome = new HttpLogoutDelivery(
                            true, Set.of(), rebinding, (SSLSocketFactory) SSLSocketFactory.getDefault())
                    .deliver("http://app.test:" + port + "/bc?x=1", "a.b.c");

            assertThat(outcome).isInstanceOf(LogoutDelivery.Outcome.Delivered.class);
            assertThat(lookups.get()).isEqualTo(1);
            assertThat(hosts).containsExactly("app.test:" + port);
            assertThat(bodies).containsExactly("logout_token=a.b.c");
        } finally {
            receiver.stop(0);
        }
    }

    /**
     * Over https the connection goes to the checked address, but the TLS server name and the certificate
     * check are the host name's: a certificate for another name is a failed delivery.
     */
    @Test
    void overHttpsTheCertificateIsCheckedAgainstTheNameNotTheAddress(@TempDir Path directory) throws Exception {
        char[] password = "changeit".toCharArray();
        Path keyStore = directory.resolve("tls.p12");
        Process keytool = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "keytool")
                                .toString(),
                        "-genkeypair",
                        "-alias",
                        "app",
                        "-keyalg",
                        "EC",
                        "-groupname",
                        "secp256r1",
                        "-dname",
                        "CN=app.test",
                        "-ext",
                        "san=dns:app.test",
                        "-validity",
                        "2",
                        "-storetype",
                        "PKCS12",
                        "-keystore",
                        keyStore.toString(),
                        "-storepass",
                        "changeit",
                        "-keypass",
                        "changeit")
                .redirectErrorStream(true)
                .start();
        assertThat(keytool.waitFor())
                .as(new String(keytool.getInputStream().readAllBytes()))
                .isZero();
        KeyStore keys = KeyStore.getInstance(keyStore.toFile(), password);
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, password);
        SSLContext serverTls = SSLContext.getInstance("TLS");
        serverTls.init(keyManagers.getKeyManagers(), null, null);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(keys);
        SSLContext clientTls = SSLContext.getInstance("TLS");
        clientTls.init(null, trust.getTrustManagers(), null);
        List<String> hosts = new CopyOnWriteArrayList<>();
        HttpsServer receiver = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.setHttpsConfigurator(new HttpsConfigurator(serverTls));
        receiver.createContext("/bc", exchange -> {
            hosts.add(exchange.getRequestHeaders().getFirst("Host"));
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        HttpLogoutDelivery.Resolver loopback = host -> new InetAddress[] {InetAddress.getByName("127.0.0.1")};
        HttpLogoutDelivery delivery =
                new HttpLogoutDelivery(false, Set.of("app.test", "other.test"), loopback, clientTls.getSocketFactory());
        try {
            int port = receiver.getAddress().getPort();

            assertThat(delivery.deliver("https://app.test:" + port + "/bc", "t"))
                    .isInstanceOf(LogoutDelivery.Outcome.Delivered.class);
            assertThat(hosts).containsExactly("app.test:" + port);
            assertThat(delivery.deliver("https://other.test:" + port + "/bc", "t"))
                    .as("the certificate names app.test, not other.test")
                    .isInstanceOf(LogoutDelivery.Outcome.Failed.class);
            assertThat(hosts).hasSize(1);
        } finally {
            receiver.stop(0);
        }
    }

    @Test
    void aNameWhoseFirstAnswerIsInternalIsRefusedBeforeAnyConnection() {
        HttpLogoutDelivery.Resolver internal = host -> new InetAddress[] {InetAddress.getByName("169.254.169.254")};

        assertThat(new HttpLogoutDelivery(false, Set.of(), internal, (SSLSocketFactory) SSLSocketFactory.getDefault())
                        .deliver("https://app.test/bc", "t"))
                .isInstanceOf(LogoutDelivery.Outcome.Refused.class);
    }

    @Test
    void anAnswerThatIsNotHttpIsAFailure() throws Exception {
        try (var server = new java.net.ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Thread.ofVirtual().start(() -> {
                try (var socket = server.accept()) {
                    socket.getOutputStream().write("SSH-2.0-OpenSSH\r\n".getBytes(StandardCharsets.US_ASCII));
                } catch (java.io.IOException ignored) {
                    // the test sees the outcome
                }
            });
            LogoutDelivery.Outcome outcome = new HttpLogoutDelivery(true, Set.of())
                    .deliver("http://127.0.0.1:" + server.getLocalPort() + "/bc", "t");

            assertThat(outcome).isInstanceOf(LogoutDelivery.Outcome.Failed.class);
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://10.0.0.7/logout", // private
                "https://172.16.0.1/logout", // private
                "https://192.168.1.1/logout", // private
                "https://169.254.169.254/latest/meta-data", // link-local: cloud metadata
                "https://127.0.0.1:8443/logout", // loopback, https
                "https://100.64.0.1/logout", // shared address space
                "https://0.0.0.0/logout", // unspecified
                "https://[::1]/logout", // loopback
                "https://[fd00::1]/logout", // unique local
                "https://[fe80::1]/logout", // link-local
                "https://[::a00:7]/logout", // IPv4-compatible ::10.0.0.7
                "https://[::127.0.0.1]/logout", // IPv4-compatible loopback
                "https://[::169.254.169.254]/logout", // IPv4-compatible metadata
                "https://[::ffff:169.254.169.254]/logout", // IPv4-mapped metadata
                "https://[64:ff9b::a9fe:a9fe]/logout", // NAT64 169.254.169.254
                "https://[64:ff9b::7f00:1]/logout", // NAT64 127.0.0.1
                "https://[64:ff9b:1::808:808]/logout", // local-use NAT64
                "https://[2002:a9fe:a9fe::]/logout", // 6to4 169.254.169.254
                "https://[2002:7f00:1::1]/logout", // 6to4 127.0.0.1
                "https://[2002:c0a8:101::1]/logout", // 6to4 192.168.1.1
                "https://[2001::1]/logout", // Teredo
                "https://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/logout", // Teredo
                "https://[2001:db8::1]/logout", // documentation
                "https://[100::1]/logout", // discard-only
                "https://[ff02::1]/logout", // IPv6 multicast
                "https://[ff05::1:3]/logout", // IPv6 multicast, site
                "https://[fec0::1]/logout", // deprecated site-local
                "https://198.18.0.1/logout", // benchmarking
                "https://198.19.255.255/logout", // benchmarking
                "https://192.0.0.1/logout", // IETF protocol assignments
                "https://192.0.0.170/logout", // NAT64 discovery
                "https://192.0.2.1/logout", // documentation
                "https://198.51.100.1/logout", // documentation
                "https://203.0.113.1/logout", // documentation
                "https://240.0.0.1/logout", // reserved
                "https://255.255.255.255/logout", // limited broadcast
                "https://100.127.255.255/logout", // shared address space, last
                "https://224.0.0.1/logout", // multicast
                "https://239.255.255.250/logout" // multicast (SSDP)
            })
    void aBackChannelTargetOnAnInternalAddressIsRefused(String uri) {
        LogoutDelivery.Outcome outcome = new HttpLogoutDelivery(true, Set.of()).deliver(uri, "token");

        assertThat(outcome).isInstanceOf(LogoutDelivery.Outcome.Refused.class);
    }

    @Test
    void plainHttpIsRefusedWithoutTheDevelopmentFlagAndOffLoopbackAlways() {
        assertThat(new HttpLogoutDelivery(false, Set.of()).deliver("http://127.0.0.1:9/logout", "t"))
                .isInstanceOf(LogoutDelivery.Outcome.Refused.class);
        assertThat(new HttpLogoutDelivery(true, Set.of()).deliver("http://192.0.2.1/logout", "t"))
                .isInstanceOf(LogoutDelivery.Outcome.Refused.class);
        assertThat(new HttpLogoutDelivery(true, Set.of()).deliver("ftp://192.0.2.1/logout", "t"))
                .isInstanceOf(LogoutDelivery.Outcome.Refused.class);
    }

    @Test
    void anAllowListedHostMayBeInternal() {
        // Allowed, so it is attempted: port 9 (discard) on loopback refuses the connection.
        assertThat(new HttpLogoutDelivery(false, Set.of("127.0.0.1")).deliver("https://127.0.0.1:9/logout", "t"))
                .isInstanceOf(LogoutDelivery.Outcome.Failed.class);
    }

    @Test
    void recognisesInternalAddresses() throws Exception {
        assertThat(HttpLogoutDelivery.isInternal(java.net.InetAddress.getByName("8.8.8.8")))
                .isFalse();
        assertThat(HttpLogoutDelivery.isInternal(java.net.InetAddress.getByName("2001:4860:4860::8888")))
                .isFalse();
        assertThat(HttpLogoutDelivery.isInternal(java.net.InetAddress.getByName("100.127.255.255")))
                .isTrue();
        for (String external : new String[] {
            "100.63.255.255", // just below the shared address space
            "100.128.0.0", // just above it
            "198.17.255.255", // just below benchmarking
            "198.20.0.0", // just above it
            "192.0.1.1",
            "223.255.255.255", // the last unicast before multicast
            "64:ff9b::808:808", // NAT64 of 8.8.8.8
            "2002:808:808::1", // 6to4 of 8.8.8.8
            "::ffff:8.8.8.8",
            "2001:200::1", // just past 2001::/23
            "2a00:1450:4001::1"
        }) {
            assertThat(HttpLogoutDelivery.isInternal(java.net.InetAddress.getByName(external)))
                    .as(external)
                    .isFalse();
        }
    }
}
