package io.voxhost.phones.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A Yealink file as the node renders it: its enabled, complete lines, and nothing else. */
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
}
