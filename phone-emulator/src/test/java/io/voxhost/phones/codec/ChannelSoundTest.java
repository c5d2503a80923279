package io.voxhost.phones.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** Sound or silence per channel of interleaved G.711, across the chunks a download comes in. */
class ChannelSoundTest {

  private static byte[] speech(String name) throws Exception {
    try (InputStream in = ChannelSoundTest.class.getResourceAsStream("/audio/" + name)) {
      return in.readAllBytes();
    }
  }

  @Test
  void speechInOneChannelAndSilenceInTheOtherAreToldApartAcrossChunks() throws Exception {
    for (String law : new String[] {"ulaw", "alaw"}) {
      byte[] voice = speech("caller." + law);
      // mu-law's silence is 0xFF, A-law's 0xD5: the smallest magnitude of each.
      byte silence = (byte) (law.equals("ulaw") ? 0xFF : 0xD5);
      byte[] stereo = new byte[voice.length * 2];
      for (int i = 0; i < voice.length; i++) {
        stereo[2 * i] = voice[i];
        stereo[2 * i + 1] = silence;
      }
      ChannelSound sound = new ChannelSound(2, law.equals("alaw"));
      // Odd chunk sizes, so that a chunk ends between a left and a right sample.
      for (int at = 0; at < stereo.length; at += 333) {
        sound.add(stereo, at, Math.min(333, stereo.length - at));
      }
      double[] shares = sound.shares();
      assertThat(shares[0]).as(law).isBetween(0.2, 0.5);
      assertThat(shares[1]).as(law).isZero();
    }
  }
}
