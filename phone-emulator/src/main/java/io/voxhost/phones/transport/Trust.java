package io.voxhost.phones.transport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Whose TLS certificates the emulator accepts from a node: the JDK's CAs, or only those of a PEM
 * file (a lab node's own certificate or its CA). Never anything at all: there is no switch that
 * turns checking off.
 */
public final class Trust {

  private Trust() {}

  /** The JDK's default context, or one trusting only {@code pem}'s certificates. */
  public static SSLContext of(Optional<Path> pem) throws IOException {
    try {
      if (pem.isEmpty()) {
        return SSLContext.getDefault();
      }
      Collection<? extends Certificate> certs;
      try (InputStream in = Files.newInputStream(pem.get())) {
        certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
      }
      if (certs.isEmpty()) {
        throw new IOException(pem.get() + " holds no certificate");
      }
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int n = 0;
      for (Certificate c : certs) {
        store.setCertificateEntry("ca-" + n++, c);
      }
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(store);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, tmf.getTrustManagers(), null);
      return ctx;
    } catch (GeneralSecurityException e) {
      throw new IOException("the trusted certificates: " + e.getMessage(), e);
    }
  }
}
