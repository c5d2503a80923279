package io.voxhost.tftp.transport;

import java.net.InetAddress;
import java.util.function.Consumer;

/** Opens the socket of a new transfer (its TID) on {@code local}, port chosen by the system. */
@FunctionalInterface
interface TransferChannels {

  void open(InetAddress local, TftpTransfer transfer, Consumer<Throwable> failed);
}
