package io.voxhost.tftp.transport;

import java.time.Duration;

/** The server's side of every transfer's plan: timeouts and the netascii size limit. */
record TransferSettings(
    Duration timeout, Duration minRetransmit, int maxTimeouts, int maxNetasciiSize) {}
