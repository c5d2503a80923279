package io.voxhost.tftp.api;

import io.voxhost.tftp.service.Device;
import io.voxhost.tftp.service.DeviceSpec;
import java.util.List;
import java.util.Map;

/** The JSON body that creates or replaces a device; {@code mac} is ignored on a replace. */
public record DeviceRequest(
    String mac,
    String vendor,
    String model,
    String site,
    String timeZone,
    String language,
    List<LineRequest> lines,
    Map<String, String> variables,
    String httpUser,
    String httpPassword) {

  /** One line; a missing password on a replace keeps the stored one of the same user. */
  public record LineRequest(String user, String displayName, String authUser, String password) {}

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
