package io.voxhost.tftp.transport;

import io.voxhost.tftp.codec.TftpPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * A read request as the listener's decoder hands it on.
 *
 * @param client the sender's address and port: its TID
 * @param local the address the request came to, which its transfer answers from
 */
record ReadRequestFrom(
    InetSocketAddress client, InetAddress local, TftpPacket.ReadRequest request) {}
