package io.voxhost.sip;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.voxhost.platform.net.ListenAddress;
import io.voxhost.sip.service.ContactLimitPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Settings of the {@code sip} role. */
@ConfigMapping(prefix = "voxhost.sip")
public interface SipConfig {

  /** {@code voxhost.sip.listen}: address and port for SIP over UDP and TCP. */
  @WithDefault("0.0.0.0:5060")
  ListenAddress listen();

  /**
   * {@code voxhost.sip.transports}: the transports to listen on: {@code udp} and {@code tcp} on
   * {@code listen}, {@code tls} on {@code tls-listen}.
   */
  @WithDefault("udp,tcp")
  List<String> transports();

  /** {@code voxhost.sip.tls-listen}: address and port for SIP over TLS (transport {@code tls}). */
  @WithDefault("0.0.0.0:5061")
  ListenAddress tlsListen();

  /**
   * {@code voxhost.sip.tls-configuration-name}: the Quarkus TLS configuration ({@code
   * quarkus.tls.<name>.key-store.pem.0.cert} and {@code .key}) whose certificate SIP over TLS
   * presents; unset, the default one ({@code quarkus.tls.key-store.*}), as HTTPS uses.
   */
  Optional<String> tlsConfigurationName();

  /** Connections over TCP and TLS ({@code voxhost.sip.connections.*}). */
  Connections connections();

  /**
   * How long connections live and how many there may be. A connection belongs to no tenant until a
   * request on it is authenticated, so the bound a tenant meets is the one per source address.
   */
  interface Connections {
    /**
     * {@code voxhost.sip.connections.idle-timeout}: a connection that carried nothing, not even a
     * keep-alive, for this long is closed. Longer than the 120 s RFC 5626 keep-alives of phones.
     */
    @WithDefault("300s")
    Duration idleTimeout();

    /** {@code voxhost.sip.connections.handshake-timeout}: longest TLS handshake. */
    @WithDefault("10s")
    Duration handshakeTimeout();

    /**
     * {@code voxhost.sip.connections.message-timeout}: longest a message may take to arrive whole
     * once its first byte came; a connection that trickles one in slower is closed.
     */
    @WithDefault("10s")
    Duration messageTimeout();

    /** {@code voxhost.sip.connections.max}: open connections, TCP and TLS together. */
    @WithDefault("20000")
    int max();

    /**
     * {@code voxhost.sip.connections.per-source}: open connections from one IP address (an office
     * of phones behind one NAT shares one).
     */
    @WithDefault("500")
    int perSource();
  }

  /** Registrar rules ({@code voxhost.sip.registrar.*}). */
  Registrar registrar();

  /** {@code voxhost.sip.worker-threads}: threads that run registrations and lookups. */
  @WithDefault("4")
  int workerThreads();

  /**
   * {@code voxhost.sip.worker-queue}: requests that may wait for a worker; beyond it requests get
   * 503 with Retry-After.
   */
  @WithDefault("10000")
  int workerQueue();

  /**
   * {@code voxhost.sip.receive-buffer}: bytes of datagrams the kernel may hold for the UDP readers;
   * beyond it they are dropped (the sender retransmits). Linux caps it at {@code
   * net.core.rmem_max}.
   */
  @WithDefault("4194304")
  int receiveBuffer();

  /** {@code voxhost.sip.threads}: threads that read and parse messages (UDP and TCP). */
  @WithDefault("8")
  int threads();

  /** {@code voxhost.sip.max-message-size}: largest message accepted over TCP, in bytes. */
  @WithDefault("65536")
  int maxMessageSize();

  /** {@code voxhost.sip.sweep-interval}: how often expired bindings are removed. */
  @WithDefault("1s")
  Duration sweepInterval();

  /**
   * {@code voxhost.sip.warm-up}: how long, at most, made-up requests run through the SIP path once
   * the node serves, so that the JIT has compiled it before a restart's flood of re-registrations;
   * 0 turns it off.
   */
  @WithDefault("10s")
  Duration warmUp();

  /** {@code voxhost.sip.domain-cache-ttl}: how long a SIP domain's tenant is remembered. */
  @WithDefault("30s")
  Duration domainCacheTtl();

  /**
   * {@code voxhost.sip.auth-invite}: challenge INVITEs (and the other redirected requests) from the
   * tenant's trusted peers too; requests from anywhere else are always challenged.
   */
  @WithDefault("false")
  boolean authInvite();

  /** Digest authentication ({@code voxhost.sip.auth.*}). */
  Auth auth();

  /** How digest authentication behaves. */
  interface Auth {
    /**
     * {@code voxhost.sip.auth.algorithms}: the digest algorithms offered, one challenge each, most
     * preferred first (RFC 8760), to tenants that have no list of their own. MD5 first by default,
     * as Kamailio, Asterisk and FreeSWITCH do: many clients (SIPp 3.6) answer only the first
     * challenge and know only MD5, and SHA-256 second still lets the rest choose it.
     */
    @WithDefault("MD5,SHA-256")
    List<String> algorithms();

    /**
     * {@code voxhost.sip.auth.md5-only-user-agents}: a regular expression (case-insensitive) for
     * User-Agents that are challenged with MD5 alone, because they give up on a challenge list with
     * SHA-256 in it (baresip 1.x on libre 1.x fails on any SHA-256 challenge, SIPp 3.6 on a SHA-256
     * first). Empty: none.
     */
    @WithDefault("^(baresip v?[01]\\.|sipp)")
    Optional<String> md5OnlyUserAgents();

    /** {@code voxhost.sip.auth.nonce-ttl}: how long a nonce is good for before it is stale. */
    @WithDefault("300s")
    Duration nonceTtl();

    /**
     * {@code voxhost.sip.auth.max-failures}: wrong answers to valid nonces one source address may
     * give for one username within the window before that pair is refused with 403.
     */
    @WithDefault("20")
    int maxFailures();

    /**
     * {@code voxhost.sip.auth.max-source-failures}: wrong answers to valid nonces one source
     * address may give for all usernames together within the window before it is refused with 403
     * (slows down trying one password on many users). Higher than {@code max-failures}, since many
     * phones may share one address behind a NAT.
     */
    @WithDefault("100")
    int maxSourceFailures();

    /** {@code voxhost.sip.auth.failure-window}: the window failures are counted in. */
    @WithDefault("60s")
    Duration failureWindow();
  }

  /** Per-source request limits ({@code voxhost.sip.rate-limit.*}). */
  RateLimit rateLimit();

  /**
   * Requests over a source address's rate are dropped without an answer: answering a flood (often
   * from forged addresses) would amplify it, and real clients retransmit.
   */
  interface RateLimit {
    /** {@code voxhost.sip.rate-limit.per-second}: requests a second per source IP; 0 is off. */
    @WithDefault("500")
    int perSecond();

    /** {@code voxhost.sip.rate-limit.burst}: requests a source may send at once. */
    @WithDefault("1000")
    int burst();
  }

  /** The location service ({@code voxhost.sip.location.*}). */
  Location location();

  /** How bindings reach PostgreSQL and come back from it. */
  interface Location {
    /**
     * {@code voxhost.sip.location.write-queue}: binding changes that may wait to be written; a
     * REGISTER beyond it gets 503 with Retry-After.
     */
    @WithDefault("50000")
    int writeQueue();

    /** {@code voxhost.sip.location.write-batch}: most changes written in one transaction. */
    @WithDefault("2000")
    int writeBatch();

    /** {@code voxhost.sip.location.purge-interval}: how often expired rows are deleted. */
    @WithDefault("60s")
    Duration purgeInterval();

    /** {@code voxhost.sip.location.load-timeout}: longest wait for the bindings at start. */
    @WithDefault("60s")
    Duration loadTimeout();
  }

  /** RFC 3261 section 10 registrar behaviour. */
  interface Registrar {
    /** {@code voxhost.sip.registrar.default-expires}: seconds when a REGISTER names none. */
    @WithDefault("3600")
    int defaultExpires();

    /** {@code voxhost.sip.registrar.min-expires}: shorter requests get 423 with Min-Expires. */
    @WithDefault("60")
    int minExpires();

    /** {@code voxhost.sip.registrar.max-expires}: longer requests are shortened to this. */
    @WithDefault("7200")
    int maxExpires();

    /** {@code voxhost.sip.registrar.max-contacts}: live bindings per address-of-record. */
    @WithDefault("10")
    int maxContacts();

    /**
     * {@code voxhost.sip.registrar.contact-limit-policy}: {@code evict-oldest} drops the least
     * recently refreshed binding, {@code reject} answers 503.
     */
    @WithDefault("evict-oldest")
    ContactLimitPolicy contactLimitPolicy();
  }
}
