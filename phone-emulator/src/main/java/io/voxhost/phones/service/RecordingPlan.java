package io.voxhost.phones.service;

/**
 * Which calls are recorded and what their legs carry.
 *
 * @param share the share of calls that open a recording session, 0 to 1
 * @param codec PCMU or PCMA, as the session is told
 * @param caller the caller's leg
 * @param callee the callee's leg
 */
public record RecordingPlan(double share, String codec, Audio caller, Audio callee) {

  public RecordingPlan {
    if (share < 0 || share > 1) {
      throw new IllegalArgumentException("the recorded share is 0 to 1");
    }
  }
}
