package io.voxhost.platform.net;

/** A URL the node will not send to; the message says why, in terms its owner can act on. */
public class TargetRefused extends Exception {

  private static final long serialVersionUID = 1L;

  public TargetRefused(String message) {
    super(message);
  }
}
