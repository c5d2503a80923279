package io.voxhost.tftp.service;

/** The user and password a device must give to fetch its files over HTTP. */
public record DeviceCredentials(String user, String passwordHash) {

  public boolean accept(String givenUser, String givenPassword) {
    return user.equals(givenUser) && HttpPassword.matches(passwordHash, givenPassword);
  }
}
