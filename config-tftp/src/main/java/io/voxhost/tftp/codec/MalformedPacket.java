package io.voxhost.tftp.codec;

/** Bytes that are no TFTP packet; the message says why, fit for an ERROR 4 to the sender. */
public final class MalformedPacket extends Exception {

  public MalformedPacket(String message) {
    super(message, null, false, false);
  }
}
