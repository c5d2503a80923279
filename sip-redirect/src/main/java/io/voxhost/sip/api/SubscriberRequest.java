package io.voxhost.sip.api;

import io.voxhost.sip.service.SubscriberRules;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /api/v1/sip/subscribers}. */
@Schema(description = "A new SIP account")
public record SubscriberRequest(
    @Schema(
            description =
                "The SIP user part: 1 to 64 letters, digits and . _ ~ + -. The phone registers as"
                    + " username@<tenant's SIP domain>",
            examples = "1001")
        @NotNull
        @Pattern(regexp = SubscriberRules.USERNAME, message = SubscriberRules.USERNAME_MESSAGE)
        String username,
    @Schema(
            description =
                "The digest password: 8 to 128 characters without control characters. Only its HA1"
                    + " digests are stored")
        @NotNull
        @Size(
            min = SubscriberRules.PASSWORD_MIN,
            max = SubscriberRules.PASSWORD_MAX,
            message = SubscriberRules.PASSWORD_MESSAGE)
        @Pattern(regexp = SubscriberRules.PASSWORD, message = SubscriberRules.PASSWORD_MESSAGE)
        String password,
    @Schema(
            description =
                "Name shown for the account: up to 100 characters without control characters;"
                    + " blank or absent for none")
        @Size(
            max = SubscriberRules.DISPLAY_NAME_MAX,
            message = SubscriberRules.DISPLAY_NAME_MESSAGE)
        @Pattern(
            regexp = SubscriberRules.DISPLAY_NAME,
            message = SubscriberRules.DISPLAY_NAME_MESSAGE)
        String displayName) {

  @Override
  public String toString() {
    return "SubscriberRequest[username=" + username + ", displayName=" + displayName + "]";
  }
}
