package io.voxhost.tftp.service;

import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import io.quarkus.qute.Variant;
import io.voxhost.platform.config.VoxhostConfig;
import io.voxhost.platform.net.ListenAddress;
import io.voxhost.tftp.TftpConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Phone files from Qute templates: the module's own under {@code templates/tftp/}, or an admin's
 * file of the same name under {@code <data-dir>/templates/}, which wins. An override is parsed
 * again when its modification time changes. XML templates escape what they insert; the {@code key =
 * value} formats rely on the registry refusing control characters. A node's reload forgets every
 * parsed override, so an edit whose modification time did not move (a copy that keeps times, a
 * coarse file system clock) is read too.
 */
@ApplicationScoped
public class ConfigRenderer {

  private final Engine engine;
  private final Path overrides;
  private final Optional<String> sipServer;
  private final Map<Path, Parsed> parsed = new ConcurrentHashMap<>();
  private final CiscoTimeZones cisco = CiscoTimeZones.shipped();

  /** By IANA id: a few hundred at most, since the registry accepts only known zones. */
  private final Map<String, PhoneTimeZone> zones = new ConcurrentHashMap<>();

  ConfigRenderer(Engine engine, TftpConfig config, VoxhostConfig node) {
    this.engine = engine;
    this.overrides = node.dataDir().resolve("templates");
    this.sipServer = config.sipServer();
  }

  /** Where an admin puts templates that replace the shipped ones. */
  public Path overrides() {
    return overrides;
  }

  /**
   * Forgets every parsed override: the next file made reads its template from disk. Files being
   * sent keep the bytes they were made with.
   */
  public void forgetTemplates() {
    parsed.clear();
  }

  /** The file for a device. */
  public byte[] render(ConfigFile file, DeviceProfile profile) {
    return render(file, view(profile, ""));
  }

  /** A file common to a vendor or model, made without any device or tenant. */
  public byte[] renderCommon(ConfigFile file, String modelCode) {
    ConfigView view =
        new ConfigView(
            new ConfigView.DeviceView(
                "", "", "", file.vendor().id(), "", null, zone(null), null, List.of()),
            new ConfigView.SipView("", "", 5060),
            Map.of(),
            "",
            modelCode);
    return render(file, view);
  }

  private byte[] render(ConfigFile file, ConfigView view) {
    return template(file)
        .data("device", view.device())
        .data("sip", view.sip())
        .data("vars", view.vars())
        .data("tenant", view.tenant())
        .data("modelCode", view.modelCode())
        .render()
        .getBytes(StandardCharsets.UTF_8);
  }

  private Template template(ConfigFile file) {
    Path override = overrides.resolve(file.template());
    try {
      if (Files.isRegularFile(override)) {
        long modified = Files.getLastModifiedTime(override).toMillis();
        Parsed known = parsed.get(override);
        if (known != null && known.modified() == modified) {
          return known.template();
        }
        String content = Files.readString(override, StandardCharsets.UTF_8);
        Template template = engine.parse(content, variant(file), override.toString());
        parsed.put(override, new Parsed(template, modified));
        return template;
      }
    } catch (IOException e) {
      throw new IllegalStateException("template " + override + " cannot be read: " + e, e);
    }
    Template shipped = engine.getTemplate("tftp/" + file.template());
    if (shipped == null) {
      throw new IllegalStateException("template tftp/" + file.template() + " is not shipped");
    }
    return shipped;
  }

  private static Variant variant(ConfigFile file) {
    return file.template().endsWith(".xml")
        ? Variant.forContentType(Variant.TEXT_XML)
        : Variant.forContentType(Variant.TEXT_PLAIN);
  }

  private ConfigView view(DeviceProfile profile, String modelCode) {
    Device d = profile.device();
    List<ConfigView.LineView> lines = new ArrayList<>();
    int number = 1;
    for (Device.Line line : d.lines()) {
      lines.add(
          new ConfigView.LineView(
              number++,
              line.user(),
              line.displayName(),
              line.authUser() != null ? line.authUser() : line.user(),
              line.password() != null ? line.password() : ""));
    }
    String server = sipServer.orElse(profile.sipDomain());
    int port = 5060;
    Optional<ListenAddress> address = TftpSettings.sipServer(sipServer);
    if (address.isPresent()) {
      server = address.get().host();
      port = address.get().port();
    }
    return new ConfigView(
        new ConfigView.DeviceView(
            d.mac().value(),
            d.mac().upper(),
            d.mac().colons(),
            d.vendor().id(),
            d.model(),
            d.timeZone(),
            zone(d.timeZone()),
            d.language(),
            lines),
        new ConfigView.SipView(profile.sipDomain(), server, port),
        profile.variables(),
        profile.tenantName(),
        modelCode);
  }

  private PhoneTimeZone zone(String id) {
    return zones.computeIfAbsent(
        id != null ? id : "Etc/UTC", z -> PhoneTimeZone.of(z, Instant.now(), cisco));
  }

  private record Parsed(Template template, long modified) {}
}
