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
   * {@code access} are null), held in memory.
   *
   * @param access who may fetch it ({@link FetchGuard} decides)
   */
  record GeneratedFile(
      FileName name, byte[] content, MacAddress mac, UUID tenantId, DeviceAccess access)
      implements ServedFile {}

  /** Nothing by that name. */
  record Missing(FileName name) implements ServedFile {}

  /** The name exists but may not be read. */
  record Forbidden(FileName name, String reason) implements ServedFile {}
}
