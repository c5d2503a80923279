package io.voxhost.sip.transport;

import java.net.InetSocketAddress;

/** What a UDP reader hands each datagram to, on its own thread ({@link DatagramReception}). */
interface DatagramHandler {

  void receive(byte[] data, InetSocketAddress source);
}
