package io.voxhost.tftp.service;

import java.nio.file.Path;
import java.util.UUID;

/** What a name resolves to, for TFTP and HTTP alike. */
public sealed interface ServedFile {

  /** The name it was asked for. */
  FileName name();

  /** A file under the served root, sent from disk. */
  record StaticFile(FileName name, Path path, long size, long modifiedMillis)
      implements ServedFile {}

  /**
   * A file made for one device, or a vendor's common file (then {@code mac}, {@code tenantId} and
   * {@code credentials} are null), held in memory.
   *
   * @param credentials what the device must give over HTTP; a device that has them is served over
   *     HTTP only, since TFTP cannot check them
   */
  record GeneratedFile(
      FileName name, byte[] content, MacAddress mac, UUID tenantId, DeviceCredentials credentials)
      implements ServedFile {}

  /** Nothing by that name. */
  record Missing(FileName name) implements ServedFile {}

  /** The name exists but may not be read. */
  record Forbidden(FileName name, String reason) implements ServedFile {}
}
