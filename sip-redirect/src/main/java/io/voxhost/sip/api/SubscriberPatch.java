package io.voxhost.sip.api;

import io.voxhost.sip.service.SubscriberRules;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Body of {@code PATCH /api/v1/sip/subscribers/{username}}: absent fields keep their value. */
public record SubscriberPatch(
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
    return "SubscriberPatch[displayName=" + displayName + "]";
  }
}
