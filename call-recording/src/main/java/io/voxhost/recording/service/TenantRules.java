package io.voxhost.recording.service;

/**
 * A tenant's rules for its recordings.
 *
 * @param monoAtCompletion make the mono mix as soon as a recording completes, not on request
 * @param retentionDays recordings older than this are deleted; null keeps them
 * @param quotaBytes past this many bytes of audio the oldest recordings are deleted; null is none
 */
public record TenantRules(boolean monoAtCompletion, Integer retentionDays, Long quotaBytes) {

  public static final TenantRules DEFAULT = new TenantRules(false, null, null);
}
