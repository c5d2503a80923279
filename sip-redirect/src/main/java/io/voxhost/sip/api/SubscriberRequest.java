package io.voxhost.sip.api;

import io.voxhost.sip.service.SubscriberRules;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /api/v1/sip/subscribers}. */
public record SubscriberRequest(
    @NotNull @Pattern(regexp = SubscriberRules.USERNAME, message = SubscriberRules.USERNAME_MESSAGE)
        String username,
    @NotNull
        @Size(
            min = SubscriberRules.PASSWORD_MIN,
            max = SubscriberRules.PASSWORD_MAX,
            message = SubscriberRules.PASSWORD_MESSAGE)
        @Pattern(regexp = SubscriberRules.PASSWORD, message = SubscriberRules.PASSWORD_MESSAGE)
        String password,
    @Size(max = SubscriberRules.DISPLAY_NAME_MAX, message = SubscriberRules.DISPLAY_NAME_MESSAGE)
        @Pattern(
            regexp = SubscriberRules.DISPLAY_NAME,
            message = SubscriberRules.DISPLAY_NAME_MESSAGE)
        String displayName) {

  @Override
  public String toString() {
    return "SubscriberRequest[username=" + username + ", displayName=" + displayName + "]";
  }
}
