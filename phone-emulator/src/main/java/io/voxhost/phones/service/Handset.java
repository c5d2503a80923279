package io.voxhost.phones.service;

import io.voxhost.phones.codec.PhoneModel;
import java.util.Optional;

/**
 * A phone of the fleet as it leaves the box: its MAC, its maker's model, and the HTTP credentials
 * for its files when it was given some (as a redirection service or DHCP hands them over).
 */
public record Handset(String mac, PhoneModel model, Optional<Login> login) {

  /** HTTP Basic credentials for a phone's files. */
  public record Login(String user, String password) {
    @Override
    public String toString() {
      return "Login[" + user + "]";
    }
  }
}
