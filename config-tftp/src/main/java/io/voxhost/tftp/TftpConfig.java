package io.voxhost.tftp;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.voxhost.platform.net.ListenAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Settings of the {@code tftp} role. */
@ConfigMapping(prefix = "voxhost.tftp")
public interface TftpConfig {

  /** {@code voxhost.tftp.listen}: address and port of the TFTP listener. */
  @WithDefault("0.0.0.0:69")
  ListenAddress listen();

  /**
   * {@code voxhost.tftp.root}: the directory of static files; unset means {@code
   * <data-dir>/tftp-root}.
   */
  Optional<Path> root();

  /**
   * {@code voxhost.tftp.receive-buffer}: bytes of requests the kernel may hold for the listener, so
   * that a boot storm's burst is queued rather than dropped. Linux caps it at {@code
   * net.core.rmem_max}.
   */
  @WithDefault("4194304")
  int receiveBuffer();

  /** {@code voxhost.tftp.threads}: event-loop threads; 0 means one per core. */
  @WithDefault("0")
  int threads();

  /** {@code voxhost.tftp.max-transfers}: transfers running at once; more requests are dropped. */
  @WithDefault("10000")
  int maxTransfers();

  /** {@code voxhost.tftp.max-transfers-per-source}: transfers at once to one IP address. */
  @WithDefault("2000")
  int maxTransfersPerSource();

  /** Read requests per IP address ({@code voxhost.tftp.rate-limit.*}). */
  RateLimit rateLimit();

  /** {@code voxhost.tftp.timeout}: retransmission timeout when the client asks for none. */
  @WithDefault("1s")
  Duration timeout();

  /** {@code voxhost.tftp.min-retransmit}: the earliest a window is sent again after it went out. */
  @WithDefault("20ms")
  Duration minRetransmit();

  /**
   * {@code voxhost.tftp.warm-up}: how long, at most, made-up transfers run over loopback once the
   * node serves, so that the JIT has compiled a transfer's path before a storm; 0 turns it off.
   */
  @WithDefault("10s")
  Duration warmUp();

  /** {@code voxhost.tftp.max-timeouts}: timeouts in a row after which a transfer is dropped. */
  @WithDefault("5")
  int maxTimeouts();

  /** {@code voxhost.tftp.max-block-size}: the largest {@code blksize} granted (8..65464). */
  @WithDefault("65464")
  int maxBlockSize();

  /** {@code voxhost.tftp.max-window-size}: the largest {@code windowsize} granted. */
  @WithDefault("64")
  int maxWindowSize();

  /**
   * {@code voxhost.tftp.max-window-bytes}: block size times window size never exceeds this, so a
   * window fits in a client's default socket buffer (about 208 KB on Linux) with room to spare.
   */
  @WithDefault("65536")
  int maxWindowBytes();

  /**
   * {@code voxhost.tftp.max-netascii-size}: largest file sent in netascii mode (converted in
   * memory).
   */
  @WithDefault("8388608")
  int maxNetasciiSize();

  /**
   * {@code voxhost.tftp.verified-source-ttl}: how long an address that acknowledged a transfer may
   * start many at once; until it does, it gets one packet at a time.
   */
  @WithDefault("10m")
  Duration verifiedSourceTtl();

  /**
   * {@code voxhost.tftp.sip-server}: host or host:port phones register to; unset means the tenant's
   * SIP domain (found through DNS).
   */
  Optional<String> sipServer();

  /**
   * {@code voxhost.tftp.unknown-device-file}: a static file served when a phone asks for its own
   * file and its MAC is not registered; unset means ERROR 1 (HTTP 404).
   */
  Optional<String> unknownDeviceFile();

  /**
   * Failed fetches per source address and the ban that follows ({@code
   * voxhost.tftp.fetch-limit.*}).
   */
  FetchLimit fetchLimit();

  /**
   * {@code voxhost.tftp.vendor-cas}: a PEM bundle of the phone vendors' CA certificates. A client
   * certificate presented over HTTPS that chains to one of them names the phone's MAC (fetch policy
   * {@code certificate}); unset means no certificate is taken as a phone's.
   */
  Optional<Path> vendorCas();

  /**
   * Fetches that fail (a device name whose MAC is unknown, a device the source may not fetch, wrong
   * HTTP credentials) counted per source address over TFTP and HTTP alike.
   */
  interface FetchLimit {
    /** {@code voxhost.tftp.fetch-limit.max-failures}: failures per window before a ban. */
    @WithDefault("20")
    int maxFailures();

    /** {@code voxhost.tftp.fetch-limit.window}: the window failures are counted in. */
    @WithDefault("10m")
    Duration window();

    /** {@code voxhost.tftp.fetch-limit.ban}: how long a source over the limit is not served. */
    @WithDefault("15m")
    Duration ban();

    /** {@code voxhost.tftp.fetch-limit.max-sources}: sources remembered; the oldest go first. */
    @WithDefault("100000")
    int maxSources();

    /**
     * {@code voxhost.tftp.fetch-limit.exempt}: CIDRs whose failures are counted in the metric but
     * never banned (a staging bench, a monitoring probe). None by default.
     */
    Optional<List<String>> exempt();
  }

  /** Read requests per IP address; beyond them a request is dropped. */
  interface RateLimit {
    /**
     * {@code voxhost.tftp.rate-limit.per-second}: read requests a second one IP address may send,
     * on average (0: no limit). A NAT in front of a thousand booting phones is one address.
     */
    @WithDefault("10000")
    int perSecond();

    /** {@code voxhost.tftp.rate-limit.burst}: requests one IP address may send at once. */
    @WithDefault("10000")
    int burst();
  }
}
