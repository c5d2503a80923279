package io.voxhost.tftp.transport;

import io.voxhost.tftp.service.ServedFile;
import java.net.InetSocketAddress;

/**
 * A transfer the listener admitted: its {@link TftpTransfer}, and what the listener's books hear
 * when it is first acknowledged, sends blocks again, or ends.
 */
final class AdmittedTransfer implements TransferEvents {

  private final ListenerBooks books;
  private final ServedFile file;
  private final boolean probe;
  private final TftpTransfer transfer;
  private boolean acknowledged;

  /**
   * @param probe the one transfer of an address not verified yet
   */
  AdmittedTransfer(
      ListenerBooks books,
      ReadRequestFrom request,
      ServedFile file,
      boolean probe,
      TransferSource source,
      TransferPlan plan) {
    this.books = books;
    this.file = file;
    this.probe = probe;
    // The transfer only keeps this as its listener; it calls it once running on its channel.
    this.transfer = new TftpTransfer(request.client(), source, plan, this, books.clock());
  }

  TftpTransfer transfer() {
    return transfer;
  }

  @Override
  public void acknowledged(InetSocketAddress client) {
    acknowledged = true;
    books.acknowledged(client.getAddress(), probe);
  }

  @Override
  public void resent(long blocks, boolean afterTimeout) {
    books.metrics().resent(blocks, afterTimeout);
  }

  @Override
  public void ended(InetSocketAddress client, TransferOutcome outcome, long delivered) {
    books.pending().ended(client, transfer);
    books.metrics().ended(outcome, delivered);
    books.audit().ended(file, client, outcome, delivered);
    books.ended(client.getAddress(), probe && !acknowledged);
  }
}
