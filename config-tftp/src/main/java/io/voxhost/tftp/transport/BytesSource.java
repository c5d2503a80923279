package io.voxhost.tftp.transport;

import io.netty.buffer.ByteBuf;

/** Bytes already in memory: a generated file, or a small one converted to netascii. */
record BytesSource(byte[] bytes) implements TransferSource {

  @Override
  public long size() {
    return bytes.length;
  }

  @Override
  public void read(long offset, int length, ByteBuf out) {
    out.writeBytes(bytes, (int) offset, length);
  }

  @Override
  public void close() {}
}
