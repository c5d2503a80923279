package io.voxhost.tftp.codec;

import java.io.ByteArrayOutputStream;

/** RFC 1350's netascii (RFC 764): line ends as CR LF, a lone CR as CR NUL. */
public final class Netascii {

  private Netascii() {}

  /** Converts local text with LF line ends; CR LF already in the text is kept as it is. */
  public static byte[] encode(byte[] text) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(text.length + text.length / 16 + 16);
    for (int i = 0; i < text.length; i++) {
      byte b = text[i];
      if (b == '\n') {
        out.write('\r');
        out.write('\n');
      } else if (b == '\r') {
        boolean crlf = i + 1 < text.length && text[i + 1] == '\n';
        out.write('\r');
        out.write(crlf ? '\n' : 0);
        if (crlf) {
          i++;
        }
      } else {
        out.write(b);
      }
    }
    return out.toByteArray();
  }
}
