package io.voxhost.phones.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.voxhost.platform.testing.TestCertificate;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Phones over TLS against a registrar made here: each connects, is challenged, answers with the
 * right MD5 digest, and refreshes over the same connection with the next nonce-count.
 */
class TlsRegistrationsTest {

  private static final Pattern RESPONSE = Pattern.compile("response=\"([0-9a-f]+)\"");
  private static final Pattern NC = Pattern.compile("nc=([0-9a-f]{8})");
  private static final Pattern CNONCE = Pattern.compile("cnonce=\"([^\"]+)\"");
  private static final Pattern USER = Pattern.compile("username=\"([^\"]+)\"");

  private final AtomicInteger verified = new AtomicInteger();
  private final AtomicInteger connections = new AtomicInteger();
  private final ConcurrentLinkedQueue<String> nonceCounts = new ConcurrentLinkedQueue<>();

  @Test
  void phonesRegisterWithDigestAndRefreshOnTheirConnections(@TempDir Path dir) throws Exception {
    TestCertificate cert = TestCertificate.create(dir, "registrar");
    try (ServerSocket server = serverContext(cert).getServerSocketFactory().createServerSocket()) {
      server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      Thread acceptor = new Thread(() -> accept(server));
      acceptor.setDaemon(true);
      acceptor.start();
      TlsRegistrations.Settings settings =
          new TlsRegistrations.Settings(
              new InetSocketAddress("127.0.0.1", server.getLocalPort()),
              List.of(InetAddress.getByName("127.0.0.1")),
              "tls.test",
              n -> "user" + n,
              n -> "pw" + n,
              600,
              Trust.of(Optional.of(cert.certificate())));
      try (TlsRegistrations phones = new TlsRegistrations(settings)) {
        TlsRegistrations.Outcome registered = phones.register(5, 100, 5);
        assertThat(registered.ok()).isEqualTo(5);
        assertThat(phones.connected()).isEqualTo(5);
        assertThat(verified.get()).isEqualTo(5);

        TlsRegistrations.Outcome refreshed = phones.refresh(50, 0.2);
        assertThat(refreshed.ok()).isEqualTo(refreshed.sent()).isEqualTo(10);
        assertThat(refreshed.challenged()).isZero();
        assertThat(verified.get()).isEqualTo(15);
        assertThat(connections.get()).as("refreshes reuse the connections").isEqualTo(5);
        assertThat(nonceCounts).contains("00000001", "00000002", "00000003");
      }
    }
  }

  private SSLContext serverContext(TestCertificate cert) throws Exception {
    String pem = Files.readString(cert.key());
    byte[] der =
        Base64.getMimeDecoder()
            .decode(pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
    PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry("server", key, new char[0], new Certificate[] {cert.x509()});
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(store, new char[0]);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys.getKeyManagers(), null, null);
    return context;
  }

  private void accept(ServerSocket server) {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        connections.incrementAndGet();
        Thread t = new Thread(() -> serve(s));
        t.setDaemon(true);
        t.start();
      } catch (IOException closed) {
        return;
      }
    }
  }

  /** 401 to a REGISTER without credentials, 200 to one whose MD5 digest is right. */
  private void serve(Socket socket) {
    try (socket) {
      InputStream in = socket.getInputStream();
      OutputStream out = socket.getOutputStream();
      while (true) {
        String request = readHead(in);
        if (request == null) {
          return;
        }
        String auth = header(request, "Authorization");
        String answer;
        if (auth == null) {
          answer =
              "401 Unauthorized\r\nWWW-Authenticate: Digest realm=\"tls.test\","
                  + " nonce=\"n0nce\", algorithm=MD5, qop=\"auth\"";
        } else {
          answer = rightDigest(auth) ? "200 OK" : "403 Forbidden";
        }
        String response =
            "SIP/2.0 "
                + answer
                + "\r\nVia: "
                + header(request, "Via")
                + "\r\nFrom: "
                + header(request, "From")
                + "\r\nTo: "
                + header(request, "To")
                + ";tag=r\r\nCall-ID: "
                + header(request, "Call-ID")
                + "\r\nCSeq: "
                + header(request, "CSeq")
                + "\r\nContent-Length: 0\r\n\r\n";
        out.write(response.getBytes(StandardCharsets.UTF_8));
        out.flush();
      }
    } catch (Exception e) {
      // the phone hung up
    }
  }

  private boolean rightDigest(String auth) throws Exception {
    String user = find(USER, auth);
    String nc = find(NC, auth);
    String ha1 = md5(user + ":tls.test:pw" + user.substring(4));
    String ha2 = md5("REGISTER:sip:tls.test");
    String expected = md5(ha1 + ":n0nce:" + nc + ":" + find(CNONCE, auth) + ":auth:" + ha2);
    boolean right = expected.equals(find(RESPONSE, auth));
    if (right) {
      verified.incrementAndGet();
      nonceCounts.add(nc);
    }
    return right;
  }

  private static String find(Pattern p, String text) {
    Matcher m = p.matcher(text);
    return m.find() ? m.group(1) : "";
  }

  private static String md5(String text) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  private static String header(String message, String name) {
    Matcher m =
        Pattern.compile("(?im)^" + Pattern.quote(name) + ":[ \\t]*([^\\r\\n]*)").matcher(message);
    return m.find() ? m.group(1) : null;
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        return null;
      }
      head.write(b);
    }
    return head.toString(StandardCharsets.UTF_8);
  }
}
