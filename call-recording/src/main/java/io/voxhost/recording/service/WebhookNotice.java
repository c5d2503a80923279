package io.voxhost.recording.service;

import java.util.UUID;

/**
 * One completion notice on its way: the tenant's webhook as it was when the recording completed,
 * and the body, the same on every attempt (the signature's timestamp is made per attempt).
 *
 * @param attempt 1 for the first try
 */
record WebhookNotice(
    UUID tenantId, UUID recordingId, String url, String secret, byte[] body, int attempt) {

  WebhookNotice next() {
    return new WebhookNotice(tenantId, recordingId, url, secret, body, attempt + 1);
  }
}
