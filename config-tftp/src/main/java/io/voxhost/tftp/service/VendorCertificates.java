package io.voxhost.tftp.service;

import io.voxhost.tftp.TftpConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * The MACs a phone's factory certificate names, once its chain is checked against the vendor CAs of
 * {@code voxhost.tftp.vendor-cas}. The TLS layer has already checked that the client holds the
 * certificate's key; this class checks that the certificate is a vendor's, and reads the MAC.
 *
 * <p>Where the vendors put the MAC (see tftp.md): Cisco enterprise phones' MIC has the common name
 * {@code SEP<MAC>} or {@code <model>-SEP<MAC>}; Cisco multiplatform phones put it in the subject's
 * {@code ST} (shown as {@code S=}), with the serial number in {@code L}; Polycom, Yealink,
 * Grandstream and Snom give each phone a certificate of its own whose common name is its MAC. So a
 * MAC is read from the subject's {@code CN} and {@code ST}, and from DNS names among the subject
 * alternative names, never from other attributes (a serial number can look like one): a token of
 * twelve hexadecimal digits, alone or after {@code SEP}, with or without {@code :} or {@code -}
 * between the bytes.
 */
@ApplicationScoped
public class VendorCertificates {

  private static final Pattern MAC =
      Pattern.compile(
          "(?i)(?:^|[^0-9a-f:-]|SEP)([0-9a-f]{2}(?:[:-]?[0-9a-f]{2}){5})(?![0-9a-f]|[:-][0-9a-f])");
  private static final int DNS_NAME = 2;

  private final Set<TrustAnchor> anchors;

  @Inject
  VendorCertificates(TftpConfig config) {
    this(config.vendorCas());
  }

  VendorCertificates(Optional<Path> bundle) {
    this.anchors = bundle.map(VendorCertificates::read).orElse(Set.of());
  }

  /** Whether any vendor CA is configured: without one, no certificate names a phone. */
  public boolean configured() {
    return !anchors.isEmpty();
  }

  /**
   * The MACs the chain's first certificate names, if the chain leads to a vendor CA; else none.
   *
   * @param chain the client's certificates as TLS gave them, its own first
   */
  public Set<MacAddress> macsOf(Certificate[] chain) {
    if (anchors.isEmpty() || chain == null || chain.length == 0) {
      return Set.of();
    }
    List<X509Certificate> path = new ArrayList<>();
    for (Certificate c : chain) {
      if (!(c instanceof X509Certificate x)) {
        return Set.of();
      }
      // A client may send the root too; a path ends below its anchor.
      if (anchors.stream().noneMatch(a -> a.getTrustedCert().equals(x))) {
        path.add(x);
      }
    }
    if (path.isEmpty()) {
      return Set.of();
    }
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      PKIXParameters parameters = new PKIXParameters(anchors);
      // Vendors publish no reachable revocation lists for factory certificates; none is fetched.
      parameters.setRevocationEnabled(false);
      CertPathValidator.getInstance("PKIX").validate(factory.generateCertPath(path), parameters);
    } catch (GeneralSecurityException e) {
      return Set.of();
    }
    return named(path.get(0));
  }

  /** The MACs a certificate's subject and DNS alternative names carry. */
  static Set<MacAddress> named(X509Certificate certificate) {
    Set<MacAddress> macs = new HashSet<>();
    try {
      for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
        String type = rdn.getType().toUpperCase(Locale.ROOT);
        if (type.equals("CN") || type.equals("ST") || type.equals("S")) {
          scan(String.valueOf(rdn.getValue()), macs);
        }
      }
    } catch (InvalidNameException e) {
      return Set.of();
    }
    try {
      Collection<List<?>> alternatives = certificate.getSubjectAlternativeNames();
      if (alternatives != null) {
        for (List<?> name : alternatives) {
          if (name.size() == 2
              && name.get(0) instanceof Integer type
              && type == DNS_NAME
              && name.get(1) instanceof String value) {
            scan(value, macs);
          }
        }
      }
    } catch (CertificateParsingException e) {
      // The subject alone then.
    }
    return Set.copyOf(macs);
  }

  private static void scan(String value, Set<MacAddress> into) {
    Matcher m = MAC.matcher(value);
    while (m.find()) {
      MacAddress.parse(m.group(1)).ifPresent(into::add);
    }
  }

  static Set<TrustAnchor> read(Path bundle) {
    try (InputStream in = Files.newInputStream(bundle)) {
      Set<TrustAnchor> anchors = new HashSet<>();
      for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        anchors.add(new TrustAnchor((X509Certificate) c, null));
      }
      if (anchors.isEmpty()) {
        throw new IllegalArgumentException(
            "voxhost.tftp.vendor-cas: " + bundle + " holds no certificate");
      }
      return Set.copyOf(anchors);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("voxhost.tftp.vendor-cas: " + bundle + " does not exist");
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "voxhost.tftp.vendor-cas: " + bundle + " cannot be read: " + e.getMessage(), e);
    }
  }
}
