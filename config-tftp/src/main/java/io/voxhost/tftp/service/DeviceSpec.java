package io.voxhost.tftp.service;

import java.util.List;
import java.util.Map;

/**
 * A device as a tenant describes it, before it is checked: the body of a create or replace, or one
 * row of an import.
 *
 * @param httpPassword the password a phone must give to fetch over HTTP; null keeps the stored one
 *     on a replace
 */
public record DeviceSpec(
    String mac,
    String vendor,
    String model,
    String site,
    String timeZone,
    String language,
    List<Device.Line> lines,
    Map<String, String> variables,
    String httpUser,
    String httpPassword) {

  public DeviceSpec {
    lines = lines == null ? List.of() : lines;
    variables = variables == null ? Map.of() : variables;
  }
}
