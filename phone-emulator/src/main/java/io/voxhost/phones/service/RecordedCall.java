package io.voxhost.phones.service;

/**
 * A call whose media went to a capture session: what the verification pass checks the node's
 * recording against.
 *
 * @param sessionId the session's id, which is its recording's
 * @param callId the call's Call-ID
 * @param streamedMillis how long its legs were sent
 * @param caller what the caller's leg sent
 * @param callee what the callee's leg sent
 */
public record RecordedCall(
    String sessionId,
    String callId,
    long streamedMillis,
    MediaStreams.Sent caller,
    MediaStreams.Sent callee) {}
