package io.voxhost.recording.transport;

import java.util.concurrent.atomic.LongAdder;

/**
 * The node-wide counts of packets a leg dropped for their source ({@code
 * voxhost_recording_rtp_foreign_packets_total}), next to each leg's own {@code foreign} count.
 *
 * @param unexpected from outside the source the session named for the leg
 * @param unlatched from another sender than the one the leg latched onto
 */
record ForeignCounts(LongAdder unexpected, LongAdder unlatched) {}
