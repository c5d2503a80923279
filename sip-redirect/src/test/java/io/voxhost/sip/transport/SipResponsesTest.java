package io.voxhost.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SipResponsesTest {

  @Test
  void writesQValuesAsRfc3261Does() {
    assertThat(SipResponses.qValue(1000)).isEqualTo("1.0");
    assertThat(SipResponses.qValue(0)).isEqualTo("0.0");
    assertThat(SipResponses.qValue(500)).isEqualTo("0.5");
    assertThat(SipResponses.qValue(250)).isEqualTo("0.25");
    assertThat(SipResponses.qValue(125)).isEqualTo("0.125");
    assertThat(SipResponses.qValue(1)).isEqualTo("0.001");
    assertThat(SipResponses.qValue(90)).isEqualTo("0.09");
  }
}
