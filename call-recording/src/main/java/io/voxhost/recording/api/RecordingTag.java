package io.voxhost.recording.api;

/**
 * The OpenAPI tag of the recording role's resources, declared alike on each (the first one read
 * wins).
 */
final class RecordingTag {

  static final String NAME = "recordings";
  static final String DESCRIPTION =
      "The recording role: capture sessions a media server forks a call's RTP to, uploads from"
          + " PBXs that record themselves, and the tenant's recordings: metadata, audio (WAV, MP3),"
          + " signed links, the access log and its rules (mono mix, retention, quota, webhook);"
          + " and the /recordings web page.";

  static final String TENANT_ONLY =
      "The key is an admin key: these operations act for the key's own tenant.";

  private RecordingTag() {}
}
