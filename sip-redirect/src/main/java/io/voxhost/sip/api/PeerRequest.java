package io.voxhost.sip.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A trusted SIP peer as the API takes it. */
@Schema(description = "A SIP peer (SBC, PBX) the tenant trusts, by source address or network")
public record PeerRequest(
    @Schema(
            description =
                "The peer's source address or network in CIDR notation, IPv4 or IPv6: 192.0.2.10,"
                    + " 198.51.100.0/24, 2001:db8::/48. Host bits are cleared (192.0.2.7/24 is"
                    + " stored as 192.0.2.0/24); a bare address is a /32 or /128. No host names",
            examples = "198.51.100.0/24")
        @NotBlank
        @Size(max = 64)
        String network,
    @Schema(description = "Free text for people: up to 200 characters without control characters")
        @Size(max = 200)
        @Pattern(regexp = "^[^\\p{Cntrl}]*$", message = "no control characters")
        String description) {}
