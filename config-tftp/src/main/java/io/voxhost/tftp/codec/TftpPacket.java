package io.voxhost.tftp.codec;

import java.util.List;

/** The six TFTP packets: RFC 1350's five and RFC 2347's option acknowledgment. */
public sealed interface TftpPacket {

  int RRQ = 1;
  int WRQ = 2;
  int DATA = 3;
  int ACK = 4;
  int ERROR = 5;
  int OACK = 6;

  /**
   * A read request.
   *
   * @param mode lower-cased as sent: {@code octet}, {@code netascii}, {@code mail}, or anything
   *     else
   * @param options in the order sent, first occurrence of each name only
   */
  record ReadRequest(String fileName, String mode, List<Option> options) implements TftpPacket {
    public ReadRequest {
      options = List.copyOf(options);
    }
  }

  record WriteRequest(String fileName, String mode) implements TftpPacket {}

  /** A block of data; block numbers are 16 bits and wrap from 65535 to 0. */
  record Data(int block, byte[] payload) implements TftpPacket {}

  record Ack(int block) implements TftpPacket {}

  record ErrorPacket(int code, String message) implements TftpPacket {}

  record OptionAck(List<Option> options) implements TftpPacket {
    public OptionAck {
      options = List.copyOf(options);
    }
  }
}
