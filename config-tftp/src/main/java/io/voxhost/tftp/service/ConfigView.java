package io.voxhost.tftp.service;

import io.quarkus.qute.TemplateData;
import java.util.List;
import java.util.Map;

/**
 * What a template sees: {@code device}, {@code sip}, {@code vars}, {@code tenant} and, for a
 * Yealink common file, {@code modelCode}. {@code device.zone} is the device's time zone (UTC when
 * it has none) in the notations phones take. Text that may be absent is null only where the shipped
 * templates give a default with {@code ?:}.
 */
@TemplateData
public record ConfigView(
    DeviceView device, SipView sip, Map<String, String> vars, String tenant, String modelCode) {

  @TemplateData
  public record DeviceView(
      String mac,
      String macUpper,
      String macColons,
      String vendor,
      String model,
      String timeZone,
      PhoneTimeZone zone,
      String language,
      List<LineView> lines) {}

  /** One account; {@code number} counts from 1, {@code authUser} defaults to {@code user}. */
  @TemplateData
  public record LineView(
      int number, String user, String displayName, String authUser, String password) {}

  @TemplateData
  public record SipView(String domain, String server, int port) {}
}
