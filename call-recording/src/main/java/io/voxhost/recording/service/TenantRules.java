package io.voxhost.recording.service;

/**
 * A tenant's rules for its recordings.
 *
 * @param monoAtCompletion make the mono mix as soon as a recording completes, not on request
 * @param retentionDays recordings older than this are deleted; null keeps them
 * @param quotaBytes past this many bytes of audio the oldest recordings are deleted; null is none
 * @param webhookUrl where a JSON notice is POSTed when a recording completes; null for none
 * @param webhookSecret signs each notice ({@code X-Voxhost-Signature: sha256=<hex HMAC>})
 */
public record TenantRules(
    boolean monoAtCompletion,
    Integer retentionDays,
    Long quotaBytes,
    String webhookUrl,
    String webhookSecret) {

  public static final TenantRules DEFAULT = new TenantRules(false, null, null, null, null);
}
