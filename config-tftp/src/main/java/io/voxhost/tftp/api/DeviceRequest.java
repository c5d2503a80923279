package io.voxhost.tftp.api;

import io.voxhost.tftp.service.Device;
import io.voxhost.tftp.service.DeviceSpec;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The JSON body that creates or replaces a device; {@code mac} is ignored on a replace. */
@Schema(description = "A phone as the tenant describes it")
public record DeviceRequest(
    @Schema(
            description =
                "The phone's MAC address, in any common notation (00:15:65:aa:bb:cc,"
                    + " 00-15-65-AA-BB-CC, 0015.65aa.bbcc, 001565aabbcc). Required to create;"
                    + " ignored on a replace",
            examples = "00:15:65:aa:bb:cc")
        String mac,
    @Schema(description = "The phone's make: cisco, polycom, yealink, grandstream or snom")
        String vendor,
    @Schema(
            description = "The model: 1 to 64 letters, digits, spaces or . _ + -",
            examples = "T46U")
        String model,
    @Schema(
            description =
                "One of the tenant's sites, whose variables the phone inherits; absent for none")
        String site,
    @Schema(
            description = "IANA time zone such as Europe/Paris; absent for UTC",
            examples = "Europe/Paris")
        String timeZone,
    @Schema(description = "Language for the phone's menus: up to 32 characters") String language,
    @Schema(description = "The phone's SIP accounts, one a line, at most 16")
        List<LineRequest> lines,
    @Schema(description = VARIABLES + "; they override the site's and the tenant's")
        Map<String, String> variables,
    @Schema(
            description =
                "User name (1 to 64 letters, digits or . _ @ -) the phone must give with HTTP Basic"
                    + " to fetch its files; a device with one is not served over TFTP. Absent for"
                    + " none")
        String httpUser,
    @Schema(
            description =
                "The HTTP Basic password, 8 to 128 characters: required with an httpUser when"
                    + " creating; left out on a replace, the stored one is kept")
        String httpPassword) {

  static final String VARIABLES =
      "Variable name to value, at most 100: a name is a letter then up to 63 letters, digits or _ . -; a value up to 1024 characters without control characters";

  /** One line; a missing password on a replace keeps the stored one of the same user. */
  @Schema(description = "One SIP account on the phone")
  public record LineRequest(
      @Schema(
              description =
                  "The SIP user (the subscriber's username): 1 to 64 letters, digits or . _ + * #"
                      + " -")
          String user,
      @Schema(description = "Name the phone shows for the line: up to 64 characters")
          String displayName,
      @Schema(description = "The digest user name when it differs from user; same characters")
          String authUser,
      @Schema(
              description =
                  "The SIP password written into the phone's file, up to 128 characters; left out"
                      + " on a replace, the stored one of the same user is kept")
          String password) {}

  DeviceSpec spec() {
    List<Device.Line> l =
        lines == null
            ? List.of()
            : lines.stream()
                .map(
                    x ->
                        x == null
                            ? null
                            : new Device.Line(
                                x.user(), x.displayName(), x.authUser(), x.password()))
                .toList();
    return new DeviceSpec(
        mac, vendor, model, site, timeZone, language, l, variables, httpUser, httpPassword);
  }
}
