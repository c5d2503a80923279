package io.voxhost.tftp.service;

/** The files this server generates, each from one template shipped in the module. */
public enum ConfigFile {
  /** {@code SEP<MAC>.cnf.xml}: a Cisco phone's configuration. */
  CISCO_DEVICE(Vendor.CISCO, "cisco-device.xml"),
  /** {@code <mac>.cfg} of a Polycom phone: its master file, naming the files to load. */
  POLYCOM_MASTER(Vendor.POLYCOM, "polycom-master.xml"),
  /** {@code 000000000000.cfg}: Polycom's master file for phones without their own. */
  POLYCOM_DEFAULT_MASTER(Vendor.POLYCOM, "polycom-default-master.xml"),
  /** {@code <mac>-phone.cfg}: a Polycom phone's settings and lines. */
  POLYCOM_PHONE(Vendor.POLYCOM, "polycom-phone.xml"),
  /** {@code <mac>.cfg} of a Yealink phone. */
  YEALINK_DEVICE(Vendor.YEALINK, "yealink-device.txt"),
  /** {@code <mac>.boot}: what a Yealink phone loads, in order. */
  YEALINK_BOOT(Vendor.YEALINK, "yealink-boot.txt"),
  /** {@code y0000000000<nn>.cfg}: settings common to one Yealink model. */
  YEALINK_COMMON(Vendor.YEALINK, "yealink-common.txt"),
  /** {@code cfg<mac>.xml}: a Grandstream phone's P-value configuration. */
  GRANDSTREAM_DEVICE(Vendor.GRANDSTREAM, "grandstream-device.xml"),
  /** {@code snom<model>-<MAC>.htm} or {@code .xml}: a Snom phone's settings. */
  SNOM_DEVICE(Vendor.SNOM, "snom-device.xml");

  private final Vendor vendor;
  private final String template;

  ConfigFile(Vendor vendor, String template) {
    this.vendor = vendor;
    this.template = template;
  }

  public Vendor vendor() {
    return vendor;
  }

  /** The template's file name, under {@code templates/tftp/} in the module and in overrides. */
  public String template() {
    return template;
  }
}
