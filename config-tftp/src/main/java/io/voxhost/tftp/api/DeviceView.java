package io.voxhost.tftp.api;

import io.voxhost.tftp.service.Device;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A device as the API shows it: passwords never, whether they are set. */
@Schema(description = "A phone in the registry; passwords are never shown")
public record DeviceView(
    @Schema(description = "The MAC address, as 00:15:65:aa:bb:cc") String mac,
    @Schema(description = "The make: cisco, polycom, yealink, grandstream or snom") String vendor,
    @Schema(description = "The model") String model,
    @Schema(description = "The site it inherits variables from, or null") String site,
    @Schema(description = "IANA time zone, or null (files then say UTC)") String timeZone,
    @Schema(description = "Language for the phone's menus, or null") String language,
    @Schema(description = "Its SIP accounts, one a line") List<LineView> lines,
    @Schema(description = "Its own variables; they override its site's and its tenant's")
        Map<String, String> variables,
    @Schema(
            description =
                "User name the phone gives with HTTP Basic, or null when its files need none (and"
                    + " are also served over TFTP)")
        String httpUser,
    @Schema(description = "When it was registered") Instant createdAt,
    @Schema(description = "When its description last changed") Instant updatedAt,
    @Schema(description = "Its last completed fetch, or null if it never fetched")
        LastFetchView lastFetch) {

  @Schema(description = "One SIP account on the phone")
  public record LineView(
      @Schema(description = "The SIP user (the subscriber's username)") String user,
      @Schema(description = "Name the phone shows for the line, or null") String displayName,
      @Schema(description = "The digest user name when it differs from user, or null")
          String authUser,
      @Schema(description = "Whether a password is stored for the line (it is never shown)")
          boolean passwordSet) {}

  @Schema(description = "A completed fetch of one of the phone's files")
  public record LastFetchView(
      @Schema(description = "When it completed") Instant at,
      @Schema(description = "The file name the phone asked for") String file,
      @Schema(description = "The phone's address, host:port") String source,
      @Schema(description = "tftp or http") String transport) {}

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
