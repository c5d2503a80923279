package io.voxhost.tftp.transport;

import io.voxhost.tftp.codec.Netascii;
import io.voxhost.tftp.codec.TftpError;
import io.voxhost.tftp.service.ServedFile;
import java.io.IOException;
import java.nio.file.Files;

/**
 * Opens what a transfer sends: a static file block by block in octet mode, or converted in memory
 * for netascii up to a size; a generated file from memory. A file that cannot be served over TFTP
 * (missing, forbidden, unreadable; a device's file the source may not have is turned away before,
 * by {@code FetchGuard}, as missing) becomes its refusal.
 */
final class TransferSources {

  private final int maxNetasciiSize;

  TransferSources(int maxNetasciiSize) {
    this.maxNetasciiSize = maxNetasciiSize;
  }

  SourceOpening open(ServedFile file, boolean netascii) {
    try {
      if (file instanceof ServedFile.StaticFile s) {
        if (!netascii) {
          return new SourceOpening.Opened(FileSource.open(s.path()));
        }
        if (s.size() > maxNetasciiSize) {
          return refused(TftpError.NOT_DEFINED, "File too large for netascii mode: ask for octet");
        }
        return new SourceOpening.Opened(
            new BytesSource(Netascii.encode(Files.readAllBytes(s.path()))));
      }
      if (file instanceof ServedFile.GeneratedFile g) {
        return new SourceOpening.Opened(
            new BytesSource(netascii ? Netascii.encode(g.content()) : g.content()));
      }
      if (file instanceof ServedFile.Forbidden f) {
        return refused(TftpError.ACCESS_VIOLATION, f.reason());
      }
      return new SourceOpening.Refused(
          RequestOutcome.NOT_FOUND, new Refusal(TftpError.FILE_NOT_FOUND, "File not found"));
    } catch (IOException e) {
      return refused(TftpError.ACCESS_VIOLATION, "File cannot be read");
    }
  }

  private static SourceOpening refused(TftpError error, String message) {
    return new SourceOpening.Refused(RequestOutcome.REFUSED, new Refusal(error, message));
  }
}
