package io.voxhost.phones.cli;

/**
 * One process's slice of a fleet, all it needs to run it but the secrets and the machine's own
 * addresses: what a coordinator sends an agent (as JSON), and what a single process runs whole.
 *
 * @param api the node's HTTP base
 * @param fetch tftp or http
 * @param httpCredentials whether phones send their HTTP login with their fetches
 * @param tftp the TFTP server, host:port
 * @param sip where REGISTERs go instead of the file's server, host:port, or null
 * @param perAddress phones sharing one address
 * @param expires the expiry phones ask for, s
 * @param vendors the phones' makers and models, taking turns by number ({@code
 *     yealink:T46U,polycom})
 * @param fetchConcurrency fetches at once
 * @param seed seed of timings (and, at setup, of passwords)
 * @param fleetFirst the whole fleet's first phone number
 * @param fleetSize phones in the whole fleet
 * @param first this slice's first phone number
 * @param phones phones in this slice
 * @param recordShare share of calls recorded, 0 to 1
 * @param codec PCMU or PCMA
 * @param rtpLoss share of RTP packets dropped
 * @param rtpJitterMillis the most a packet is held back, ms
 * @param maxRtpStreams RTP legs at once at most
 */
public record FleetSpec(
    String api,
    String fetch,
    boolean httpCredentials,
    String tftp,
    String sip,
    int perAddress,
    int expires,
    String vendors,
    int fetchConcurrency,
    long seed,
    int fleetFirst,
    int fleetSize,
    int first,
    int phones,
    double recordShare,
    String codec,
    double rtpLoss,
    long rtpJitterMillis,
    int maxRtpStreams) {

  /** Phones one process runs at most. */
  static final int MAX_PHONES = 1_000_000;

  public FleetSpec {
    if (api == null || !(api.startsWith("http://") || api.startsWith("https://"))) {
      throw new IllegalArgumentException("api is an http(s) URL");
    }
    if (!"tftp".equals(fetch) && !"http".equals(fetch)) {
      throw new IllegalArgumentException("fetch is tftp or http");
    }
    if (phones < 1 || phones > MAX_PHONES || fleetSize < phones || first < 0 || fleetFirst < 0) {
      throw new IllegalArgumentException("phones 1-" + MAX_PHONES + ", within the fleet");
    }
    if (perAddress < 1 || expires < 1 || fetchConcurrency < 1 || maxRtpStreams < 0) {
      throw new IllegalArgumentException("perAddress, expires and fetchConcurrency are positive");
    }
    io.voxhost.phones.codec.PhoneModel.parseAll(vendors);
    if (!"PCMU".equals(codec) && !"PCMA".equals(codec)) {
      throw new IllegalArgumentException("codec is PCMU or PCMA");
    }
    if (recordShare < 0 || recordShare > 1 || rtpLoss < 0 || rtpLoss > 1 || rtpJitterMillis < 0) {
      throw new IllegalArgumentException("shares are 0 to 1, jitter not negative");
    }
  }

  /** The same fleet's slice of {@code phones} phones from {@code first}. */
  FleetSpec slice(int sliceFirst, int slicePhones) {
    return new FleetSpec(
        api,
        fetch,
        httpCredentials,
        tftp,
        sip,
        perAddress,
        expires,
        vendors,
        fetchConcurrency,
        seed,
        fleetFirst,
        fleetSize,
        sliceFirst,
        slicePhones,
        recordShare,
        codec,
        rtpLoss,
        rtpJitterMillis,
        maxRtpStreams);
  }
}
