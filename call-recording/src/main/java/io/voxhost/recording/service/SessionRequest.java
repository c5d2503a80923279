package io.voxhost.recording.service;

import java.util.List;
import java.util.Map;

/**
 * What a media server asks for when it forks a call to us.
 *
 * @param legSources per leg (in the order of {@code legLabels}), the address or network its RTP
 *     must come from as given, or null for whoever sends first; the list itself may be null (no leg
 *     names one)
 */
public record SessionRequest(
    String callId,
    String from,
    String to,
    String direction,
    String codec,
    List<String> legLabels,
    List<String> legSources,
    Map<String, Object> metadata) {}
