package io.voxhost.platform.node;

import io.quarkus.tls.CertificateUpdatedEvent;
import io.quarkus.tls.TlsConfiguration;
import io.quarkus.tls.TlsConfigurationRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.Config;

/**
 * Reads the certificate and key files of Quarkus' TLS registry ({@code quarkus.tls.*}) again, and
 * tells their users (the HTTPS server) to take them: a renewed certificate needs no restart. The
 * file paths themselves are read at start; a changed path needs a restart.
 */
@ApplicationScoped
class TlsCertificates {

  /** The registry's name for the unnamed configuration ({@code quarkus.tls.key-store...}). */
  static final String DEFAULT = "<default>";

  /** {@code quarkus.tls.<name>.key-store.*} or {@code .trust-store.*}: a named configuration. */
  private static final Pattern NAMED =
      Pattern.compile("^quarkus\\.tls\\.(?:\"([^\"]+)\"|([^.\"]+))\\.(?:key-store|trust-store)\\.");

  private final TlsConfigurationRegistry registry;
  private final Event<CertificateUpdatedEvent> updated;
  private final Config config;

  TlsCertificates(
      TlsConfigurationRegistry registry, Event<CertificateUpdatedEvent> updated, Config config) {
    this.registry = registry;
    this.updated = updated;
    this.config = config;
  }

  /** Reloads every configuration that holds a certificate or trust store. */
  Outcome reload() {
    List<String> reloaded = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    for (String name : names()) {
      Optional<TlsConfiguration> tls =
          name.equals(DEFAULT) ? registry.getDefault() : registry.get(name);
      if (tls.isEmpty() || (tls.get().getKeyStore() == null && tls.get().getTrustStore() == null)) {
        continue;
      }
      String label = name.equals(DEFAULT) ? "tls certificates" : "tls certificates " + name;
      // Reads the files again; false when they cannot be read (the registry logs why), and then
      // the configuration goes on with what it had.
      if (tls.get().reload()) {
        updated.fire(new CertificateUpdatedEvent(name, tls.get()));
        reloaded.add(label);
      } else {
        failed.add(label + ": the files cannot be read again (see the log); the old ones serve");
      }
    }
    return new Outcome(reloaded, failed);
  }

  private Set<String> names() {
    Set<String> names = new TreeSet<>();
    names.add(DEFAULT);
    for (String key : config.getPropertyNames()) {
      Matcher m = NAMED.matcher(key);
      if (m.find()) {
        names.add(m.group(1) != null ? m.group(1) : m.group(2));
      }
    }
    return names;
  }

  record Outcome(List<String> reloaded, List<String> failed) {}
}
