package io.voxhost.phones.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Each maker's file as the node renders it (the shapes of config-tftp's templates): its enabled,
 * complete lines, and nothing else; Polycom's master names the next file; XML with a document type
 * is read as nothing.
 */
class PhoneConfigTest {

  @Test
  void enabledCompleteLinesAreRead() {
    String file =
        "#!version:1.0.0.1\n"
            + "local_time.time_zone = +1\n"
            + "account.1.enable = 1\r\n"
            + "account.1.user_name = phone7\n"
            + "account.1.auth_name = \n"
            + "account.1.password = s3cret=with=equals\n"
            + "account.1.sip_server.1.address = 127.0.0.1\n"
            + "account.1.sip_server.1.port = 25060\n"
            + "account.1.sip_server_host = fleet.example.net\n"
            + "account.2.enable = 0\n"
            + "account.2.user_name = off\n"
            + "account.3.enable = 1\n"
            + "account.3.user_name = nopassword\n"
            + "account.x.enable = 1\n";
    assertThat(PhoneConfig.yealink(file.getBytes(StandardCharsets.UTF_8)))
        .containsExactly(
            new PhoneConfig.Line(
                1,
                "phone7",
                "phone7",
                "s3cret=with=equals",
                "127.0.0.1",
                25060,
                "fleet.example.net"));
  }

  private static PhoneConfig.Read read(Vendor v, String file) {
    return PhoneConfig.read(v, file.getBytes(StandardCharsets.UTF_8));
  }

  private static final PhoneConfig.Line PHONE7 =
      new PhoneConfig.Line(1, "phone7", "phone7", "pw", "127.0.0.1", 25060, "fleet.example.net");

  @Test
  void polycomsMasterNamesItsPhoneFileWhichHoldsTheLines() {
    PhoneConfig.Read master =
        read(
            Vendor.POLYCOM,
            "<?xml version=\"1.0\" standalone=\"yes\"?><APPLICATION APP_FILE_PATH=\"sip.ld\""
                + " CONFIG_FILES=\"025648000007-phone.cfg, ../etc/passwd\"/>");
    assertThat(master.lines()).isEmpty();
    assertThat(master.next()).containsExactly("025648000007-phone.cfg");
    PhoneConfig.Read phone =
        read(
            Vendor.POLYCOM,
            "<PHONE_CONFIG><ALL voIpProt.server.1.address=\"127.0.0.1\""
                + " voIpProt.server.1.port=\"25060\" reg.1.address=\"phone7@fleet.example.net\""
                + " reg.1.auth.userId=\"phone7\" reg.1.auth.password=\"pw\"/></PHONE_CONFIG>");
    assertThat(phone.lines()).containsExactly(PHONE7);
  }

  @Test
  void grandstreamsDomainIsP47AndItsProxyP48() {
    assertThat(
            read(
                    Vendor.GRANDSTREAM,
                    "<gs_provision version=\"1\"><config version=\"1\"><P271>1</P271>"
                        + "<P47>fleet.example.net</P47><P48>127.0.0.1:25060</P48><P35>phone7</P35>"
                        + "<P36>phone7</P36><P34>pw</P34></config></gs_provision>")
                .lines())
        .containsExactly(PHONE7);
  }

  @Test
  void snomsLinesAreItsActiveUsersByIndex() {
    assertThat(
            read(
                    Vendor.SNOM,
                    "<settings><phone-settings e=\"2\">"
                        + "<user_active idx=\"1\" perm=\"R\">on</user_active>"
                        + "<user_name idx=\"1\">phone7</user_name>"
                        + "<user_host idx=\"1\">fleet.example.net</user_host>"
                        + "<user_outbound idx=\"1\">127.0.0.1:25060</user_outbound>"
                        + "<user_pname idx=\"1\">phone7</user_pname>"
                        + "<user_pass idx=\"1\">pw</user_pass>"
                        + "<user_active idx=\"2\">off</user_active>"
                        + "<user_name idx=\"2\">off</user_name>"
                        + "</phone-settings></settings>")
                .lines())
        .containsExactly(PHONE7);
  }

  @Test
  void ciscosLinesRegisterToTheirCallManager() {
    assertThat(
            read(
                    Vendor.CISCO,
                    "<device><devicePool><callManagerGroup><members><member><callManager>"
                        + "<ports><sipPort>25060</sipPort></ports>"
                        + "<processNodeName>127.0.0.1</processNodeName>"
                        + "</callManager></member></members></callManagerGroup></devicePool>"
                        + "<sipProfile><sipLines><line button=\"1\"><name>phone7</name>"
                        + "<authName>phone7</authName><authPassword>pw</authPassword></line>"
                        + "</sipLines></sipProfile></device>")
                .lines())
        .containsExactly(
            new PhoneConfig.Line(1, "phone7", "phone7", "pw", "127.0.0.1", 25060, "127.0.0.1"));
  }

  @Test
  void xmlWithADocumentTypeIsReadAsNothing() {
    String xxe =
        "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
            + "<gs_provision><config><P47>&x;</P47><P35>u</P35><P34>p</P34></config></gs_provision>";
    assertThat(read(Vendor.GRANDSTREAM, xxe).lines()).isEmpty();
    assertThat(read(Vendor.SNOM, "not xml").lines()).isEmpty();
  }

  @Test
  void eachMakerAsksForItsOwnFirstFileAndSaysItsName() {
    String mac = "02:56:48:00:00:07";
    assertThat(Vendor.YEALINK.firstFile(mac, "T46U")).isEqualTo("025648000007.cfg");
    assertThat(Vendor.POLYCOM.firstFile(mac, "VVX450")).isEqualTo("025648000007.cfg");
    assertThat(Vendor.CISCO.firstFile(mac, "CP-8845")).isEqualTo("SEP025648000007.cnf.xml");
    assertThat(Vendor.GRANDSTREAM.firstFile(mac, "GRP2614")).isEqualTo("cfg025648000007.xml");
    assertThat(Vendor.SNOM.firstFile(mac, "D785")).isEqualTo("snomD785-025648000007.htm");
    assertThat(Vendor.POLYCOM.userAgent(mac, "VVX450")).startsWith("PolycomVVX-VVX_450-UA/");
    assertThat(PhoneModel.parseAll("yealink,snom:D735"))
        .containsExactly(
            new PhoneModel(Vendor.YEALINK, "T46U"), new PhoneModel(Vendor.SNOM, "D735"));
  }
}
