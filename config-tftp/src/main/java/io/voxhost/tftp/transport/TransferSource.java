package io.voxhost.tftp.transport;

import io.netty.buffer.ByteBuf;
import java.io.IOException;

/** The bytes one transfer sends, read block by block so that no file is held whole. */
interface TransferSource extends AutoCloseable {

  /** Bytes in the transfer, as sent (after any netascii conversion). */
  long size();

  /** Appends {@code length} bytes starting at {@code offset} to {@code out}. */
  void read(long offset, int length, ByteBuf out) throws IOException;

  @Override
  void close();
}
