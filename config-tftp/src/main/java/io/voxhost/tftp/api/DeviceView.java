package io.voxhost.tftp.api;

import io.voxhost.tftp.service.Device;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A device as the API shows it: passwords never, whether they are set. */
public record DeviceView(
    String mac,
    String vendor,
    String model,
    String site,
    String timeZone,
    String language,
    List<LineView> lines,
    Map<String, String> variables,
    String httpUser,
    Instant createdAt,
    Instant updatedAt,
    LastFetchView lastFetch) {

  public record LineView(String user, String displayName, String authUser, boolean passwordSet) {}

  public record LastFetchView(Instant at, String file, String source, String transport) {}

  static DeviceView of(Device d) {
    return new DeviceView(
        d.mac().colons(),
        d.vendor().id(),
        d.model(),
        d.site(),
        d.timeZone(),
        d.language(),
        d.lines().stream()
            .map(
                l ->
                    new LineView(
                        l.user(),
                        l.displayName(),
                        l.authUser(),
                        l.password() != null && !l.password().isEmpty()))
            .toList(),
        d.variables(),
        d.httpUser(),
        d.createdAt(),
        d.updatedAt(),
        d.lastFetch() == null
            ? null
            : new LastFetchView(
                d.lastFetch().at(),
                d.lastFetch().file(),
                d.lastFetch().source(),
                d.lastFetch().transport()));
  }
}
