package io.voxhost.sip.api;

import io.voxhost.sip.service.SipPeer;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A trusted SIP peer as the API shows it. */
@Schema(description = "A SIP peer the tenant trusts")
public record PeerView(
    @Schema(description = "The peer's id") UUID id,
    @Schema(description = "Its source network, canonical CIDR", examples = "198.51.100.0/24")
        String network,
    @Schema(description = "Free text for people, or null") String description,
    @Schema(description = "When it was declared") Instant createdAt) {

  static PeerView of(SipPeer p) {
    return new PeerView(p.id(), p.network().toString(), p.description(), p.createdAt());
  }
}
