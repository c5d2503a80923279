package io.voxhost.phones.service;

/** What recorded calls need: the plan, the node's sessions and the RTP senders. */
public record CallRecording(RecordingPlan plan, CallRecorder recorder, MediaStreams media) {}
