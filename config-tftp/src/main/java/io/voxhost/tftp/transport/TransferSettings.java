package io.voxhost.tftp.transport;

import java.time.Duration;

/** The server's side of every transfer's plan: its timeouts. */
record TransferSettings(Duration timeout, Duration minRetransmit, int maxTimeouts) {}
