package io.voxhost.recording.service;

import java.util.List;
import java.util.Map;

/** What a media server asks for when it forks a call to us. */
public record SessionRequest(
    String callId,
    String from,
    String to,
    String direction,
    String codec,
    List<String> legLabels,
    Map<String, Object> metadata) {}
