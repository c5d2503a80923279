package io.voxhost.tftp.transport;

import io.voxhost.tftp.service.Fetch;
import io.voxhost.tftp.service.FetchLog;
import io.voxhost.tftp.service.ServedFile;
import java.net.InetSocketAddress;
import java.util.Locale;

/** Turns the ends of TFTP transfers and refused requests into fetch records. */
final class TransferAudit {

  private final FetchLog log;

  TransferAudit(FetchLog log) {
    this.log = log;
  }

  void refused(ServedFile file, InetSocketAddress client, RequestOutcome outcome) {
    log.record(Fetch.of(file, file.name().value(), source(client), "tftp", 0, outcome.tag()));
  }

  void ended(ServedFile file, InetSocketAddress client, TransferOutcome outcome, long delivered) {
    log.record(
        Fetch.of(
            file,
            file.name().value(),
            source(client),
            "tftp",
            delivered,
            outcome.name().toLowerCase(Locale.ROOT)));
  }

  private static String source(InetSocketAddress client) {
    return client.getAddress().getHostAddress() + ":" + client.getPort();
  }
}
