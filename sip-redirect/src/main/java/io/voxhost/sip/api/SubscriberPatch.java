package io.voxhost.sip.api;

import io.voxhost.sip.service.SubscriberRules;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code PATCH /api/v1/sip/subscribers/{username}}: absent fields keep their value. */
@Schema(description = "Changes to a SIP account; a field left out keeps its value")
public record SubscriberPatch(
    @Schema(
            description =
                "New digest password: 8 to 128 characters without control characters; its digests"
                    + " are made for the tenant's current SIP domain")
        @Size(
            min = SubscriberRules.PASSWORD_MIN,
            max = SubscriberRules.PASSWORD_MAX,
            message = SubscriberRules.PASSWORD_MESSAGE)
        @Pattern(regexp = SubscriberRules.PASSWORD, message = SubscriberRules.PASSWORD_MESSAGE)
        String password,
    @Schema(description = "New display name: up to 100 characters without control characters")
        @Size(
            max = SubscriberRules.DISPLAY_NAME_MAX,
            message = SubscriberRules.DISPLAY_NAME_MESSAGE)
        @Pattern(
            regexp = SubscriberRules.DISPLAY_NAME,
            message = SubscriberRules.DISPLAY_NAME_MESSAGE)
        String displayName) {

  @Override
  public String toString() {
    return "SubscriberPatch[displayName=" + displayName + "]";
  }
}
