package io.voxhost.phones.codec;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A final or provisional response as a simulated phone uses it: its status, its transaction's Via
 * branch, its digest challenges ({@code WWW-Authenticate} values), the expiry it grants each
 * contact (by the contact URI's user) and its {@code Expires}.
 */
public record SipAnswer(
    int status,
    String branch,
    List<String> challenges,
    Map<String, Integer> contactExpires,
    Optional<Integer> expires) {

  /** The expiry granted to {@code contactUser}'s contact, else the response's Expires. */
  public Optional<Integer> grantedTo(String contactUser) {
    Integer e = contactExpires.get(contactUser);
    return e != null ? Optional.of(e) : expires;
  }
}
