package io.voxhost.media.service;

import java.nio.ByteBuffer;

/**
 * The addresses of the last few direct buffers used, by identity: callers reuse their buffers, and
 * asking the VM each time costs a transition into it per buffer per call. Holds those few buffers
 * strongly; not thread-safe (one per timeline, one per thread for the kernels).
 */
final class DirectAddresses {

  private static final int SIZE = 4;

  private final ByteBuffer[] buffers = new ByteBuffer[SIZE];
  private final long[] addresses = new long[SIZE];
  private int next;

  /** The address of {@code buffer}'s byte at {@code index}. */
  long of(ByteBuffer buffer, int index) {
    for (int i = 0; i < SIZE; i++) {
      if (buffers[i] == buffer) {
        return addresses[i] + index;
      }
    }
    long address = NativeMedia.address(buffer);
    if (address == 0) {
      throw new IllegalArgumentException("Not a direct buffer");
    }
    buffers[next] = buffer;
    addresses[next] = address;
    next = (next + 1) % SIZE;
    return address + index;
  }
}
