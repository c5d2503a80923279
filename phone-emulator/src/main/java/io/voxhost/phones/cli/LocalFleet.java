package io.voxhost.phones.cli;

import io.netty.channel.EventLoopGroup;
import io.voxhost.phones.codec.PhoneModel;
import io.voxhost.phones.service.CallRecording;
import io.voxhost.phones.service.Callees;
import io.voxhost.phones.service.FileSource;
import io.voxhost.phones.service.Fleet;
import io.voxhost.phones.service.FleetOptions;
import io.voxhost.phones.service.Handset;
import io.voxhost.phones.service.PhaseStats;
import io.voxhost.phones.service.Phases;
import io.voxhost.phones.service.RecordingPlan;
import io.voxhost.phones.transport.FleetSetup;
import io.voxhost.phones.transport.HttpFetch;
import io.voxhost.phones.transport.RecordingSessions;
import io.voxhost.phones.transport.RtpSender;
import io.voxhost.phones.transport.SipSocket;
import io.voxhost.phones.transport.TftpFetch;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A slice of the fleet run in this process: its phones' SIP sockets (one per {@code perAddress}
 * phones, on addresses counted up from the bind address), its file source, its RTP sender and the
 * recording API, and the {@link Fleet} over them; closing it closes them all.
 */
final class LocalFleet implements Phases {

  /** Bytes of a configuration file a phone takes at most. */
  static final int MAX_FILE = 1024 * 1024;

  private final EventLoopGroup loops = SipSocket.loops();
  private final List<SipSocket> sockets = new ArrayList<>();
  private final RtpSender rtp;
  private final RecordingSessions sessions;
  private final Fleet fleet;

  /**
   * The slice {@code spec}, with the tenant key {@code key} (for recording sessions), phones on
   * {@code bind} and after, recorded calls' audio from the given files (null: the bundled speech).
   */
  LocalFleet(
      FleetSpec spec,
      String key,
      String bind,
      Path callerAudio,
      Path calleeAudio,
      javax.net.ssl.SSLContext tls)
      throws IOException, InterruptedException {
    URI api = URI.create(spec.api());
    rtp = new RtpSender(spec.maxRtpStreams());
    sessions = new RecordingSessions(api, key, tls, spec.codec(), 256);
    try {
      int perAddress = Math.max(1, spec.perAddress());
      int addresses = (spec.phones() + perAddress - 1) / perAddress;
      byte[] address = InetAddress.getByName(bind).getAddress();
      for (int i = 0; i < addresses; i++) {
        sockets.add(
            SipSocket.open(
                loops,
                InetAddress.getByAddress(RunCommand.plus(address, i)).getHostAddress(),
                0,
                Math.max(1024, perAddress * 4)));
      }
      Optional<RecordingPlan> plan =
          spec.recordShare() > 0
              ? Optional.of(
                  RecordingOptions.plan(
                      spec.recordShare(),
                      spec.codec(),
                      callerAudio,
                      calleeAudio,
                      spec.rtpLoss(),
                      Duration.ofMillis(spec.rtpJitterMillis())))
              : Optional.empty();
      fleet =
          new Fleet(
              new FleetOptions(
                  Optional.ofNullable(spec.sip()).map(RunCommand::address),
                  spec.expires(),
                  spec.fetchConcurrency()),
              FleetSetup.members(
                      spec.first(), spec.phones(), spec.seed(), PhoneModel.parseAll(spec.vendors()))
                  .stream()
                  .map(
                      m ->
                          new Handset(
                              m.mac(),
                              m.model(),
                              spec.httpCredentials() ? Optional.of(m.login()) : Optional.empty()))
                  .toList(),
              sockets,
              files(spec, api, tls),
              spec.seed() * 7919 + spec.first(),
              new Callees(spec.fleetFirst(), spec.fleetSize(), spec.first(), FleetSetup::user),
              plan.map(p -> new CallRecording(p, sessions, rtp)));
    } catch (IOException | InterruptedException | RuntimeException e) {
      release();
      throw e;
    }
  }

  private static FileSource files(FleetSpec spec, URI api, javax.net.ssl.SSLContext tls) {
    return spec.fetch().equals("tftp")
        ? new TftpFetch(
            spec.tftp() == null
                ? new InetSocketAddress(api.getHost(), 69)
                : RunCommand.address(spec.tftp()),
            1024,
            Duration.ofSeconds(2),
            MAX_FILE)
        : new HttpFetch(api, Duration.ofSeconds(10), tls);
  }

  /** The phase running now: for the live progress. */
  Fleet fleet() {
    return fleet;
  }

  /** The recording API, for the verification pass. */
  RecordingSessions sessions() {
    return sessions;
  }

  @Override
  public int size() {
    return fleet.size();
  }

  @Override
  public PhaseStats bootStorm(Duration limit) throws InterruptedException {
    return fleet.bootStorm(limit);
  }

  @Override
  public PhaseStats ramp(double perSecond, Duration limit) throws InterruptedException {
    return fleet.ramp(perSecond, limit);
  }

  @Override
  public PhaseStats steady(Duration length) throws InterruptedException {
    return fleet.steady(length);
  }

  @Override
  public PhaseStats callMix(double perSecond, Duration length, Duration hold, Duration limit)
      throws InterruptedException {
    return fleet.callMix(perSecond, length, hold, limit);
  }

  @Override
  public PhaseStats registrationBurst(Duration limit) throws InterruptedException {
    return fleet.registrationBurst(limit);
  }

  @Override
  public void close() {
    fleet.close();
    release();
  }

  private void release() {
    rtp.close();
    sockets.forEach(SipSocket::close);
    loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
