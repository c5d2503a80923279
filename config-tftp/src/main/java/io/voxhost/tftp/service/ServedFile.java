package io.voxhost.tftp.service;

import java.nio.file.Path;

/** What a name resolves to, for TFTP and HTTP alike. */
public sealed interface ServedFile {

  /** A file under the served root, sent from disk. */
  record StaticFile(FileName name, Path path, long size, long modifiedMillis)
      implements ServedFile {}

  /** A file made for one device (or a vendor's common file), held in memory. */
  record GeneratedFile(FileName name, byte[] content, String deviceMac) implements ServedFile {}

  /** Nothing by that name. */
  record Missing(FileName name) implements ServedFile {}

  /** The name exists but may not be read. */
  record Forbidden(FileName name, String reason) implements ServedFile {}
}
