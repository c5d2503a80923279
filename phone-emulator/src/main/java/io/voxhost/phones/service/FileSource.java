package io.voxhost.phones.service;

import java.io.IOException;

/** Where a phone fetches its files: TFTP or HTTP. */
public interface FileSource {

  /** The server answered, but not with the file (TFTP ERROR, HTTP not 200, a broken exchange). */
  final class Refused extends IOException {
    public Refused(String message) {
      super(message);
    }
  }

  /**
   * The file's bytes, fetched from the phone's own address where the protocol lets a client choose
   * it, with its credentials where the protocol carries them.
   *
   * @throws Refused when the server would not give it
   * @throws java.net.SocketTimeoutException when the server did not answer
   */
  byte[] fetch(FileRequest request) throws IOException, InterruptedException;
}
