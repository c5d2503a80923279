package io.voxhost.platform.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Node-wide settings shared by every role; role modules have their own {@code voxhost.<role>}. */
@ConfigMapping(prefix = "voxhost")
public interface VoxhostConfig {

  /** {@code voxhost.data-dir}: where this node keeps its database, keys and files. */
  @WithDefault("./data")
  Path dataDir();

  /** {@code voxhost.roles}: comma list of the roles this node runs, or {@code all}. */
  @WithDefault("all")
  List<String> roles();

  /**
   * {@code voxhost.drain-timeout}: at shutdown, how long the roles get to finish their work in
   * progress (transfers, queued registrations, open captures and their assembly) before they stop.
   */
  @WithDefault("20s")
  Duration drainTimeout();

  /**
   * {@code voxhost.tenant-cache-ttl}: how long a node answers a tenant's details to its own API
   * clients from memory without reading the database; bounds how late a change made on another node
   * shows there (changes made on the node itself show at once).
   */
  @WithDefault("5s")
  Duration tenantCacheTtl();

  /** Database settings ({@code voxhost.db.*}). */
  Db db();

  /** HTTP API authentication settings ({@code voxhost.auth.*}). */
  Auth auth();

  /** Logging settings ({@code voxhost.log.*}). */
  Log log();

  /** HTTP request limits ({@code voxhost.http.*}). */
  Http http();

  /** Where the system of record lives. */
  interface Db {
    /**
     * {@code voxhost.db.url}: JDBC URL of an external PostgreSQL; unset means embedded PostgreSQL
     * under {@code <data-dir>/pg}.
     */
    Optional<String> url();

    /** {@code voxhost.db.user}: user for the external database. */
    Optional<String> user();

    /** {@code voxhost.db.password}: password for the external database. */
    Optional<String> password();

    /** {@code voxhost.db.connect-timeout}: how long start-up waits for the database to answer. */
    @WithDefault("5s")
    Duration connectTimeout();

    /**
     * {@code voxhost.db.timeout}: the deadline of every database call once the node runs (waiting
     * for a pooled connection, connecting, each round trip, each statement); an API request whose
     * database does not answer in this time gets 503. Applied by {@code DatabaseDeadlines}.
     */
    @WithDefault("2s")
    Duration timeout();
  }

  /** API key authentication. */
  interface Auth {
    /**
     * {@code voxhost.auth.max-failures}: failed authentications one source address may make per
     * window before it gets 429.
     */
    @WithDefault("10")
    int maxFailures();

    /** {@code voxhost.auth.failure-window}: the window over which failures are counted. */
    @WithDefault("1m")
    Duration failureWindow();

    /**
     * {@code voxhost.auth.key-cache-ttl}: how long a verified key is trusted without a database
     * read; a revocation on another node takes effect within this time. Keys in use are read again
     * in the background after half of it, so requests do not wait for that read.
     */
    @WithDefault("5s")
    Duration keyCacheTtl();

    /**
     * {@code voxhost.auth.last-used-flush-interval}: how often the node writes when its keys were
     * last used (one statement for all keys); also written at shutdown.
     */
    @WithDefault("15s")
    Duration lastUsedFlushInterval();

    /**
     * {@code voxhost.auth.reset-admin-key}: at this start, revoke every admin key and write a new
     * one to {@code <data-dir>/admin.key} (for a lost or leaked admin key).
     */
    @WithDefault("false")
    boolean resetAdminKey();
  }

  /** Log output. */
  interface Log {
    /** {@code voxhost.log.json}: write the console log as one JSON object per line. */
    @WithDefault("false")
    boolean json();
  }

  /** How large a request body may be, by path ({@code BodyLimits}). */
  interface Http {
    /**
     * {@code voxhost.http.body-size}: the largest request body on every path that is not a declared
     * import path; larger gets 413, whether the length is declared or the body is chunked.
     */
    @WithDefault("10M")
    MemorySize bodySize();

    /**
     * {@code voxhost.http.import-body-size}: the largest request body on the roles' import paths (a
     * CSV of 1,000,000 rows is about 36 MB); also Quarkus's own {@code
     * quarkus.http.limits.max-body-size}. At least {@code body-size}.
     */
    @WithDefault("64M")
    MemorySize importBodySize();
  }
}
