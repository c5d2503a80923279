package io.voxhost.tftp.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Firmware, ring tones and backgrounds under the served root. A name that leads out of the root
 * through a symbolic link is treated as missing: the root's owner decides what is in it, not what
 * its links point to.
 */
public final class StaticFiles {

  private final Path root;

  public StaticFiles(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  public Path root() {
    return root;
  }

  public ServedFile find(FileName name) {
    Path path = root.resolve(name.value()).normalize();
    if (!path.startsWith(root)) {
      return new ServedFile.Missing(name);
    }
    try {
      Path real = path;
      BasicFileAttributes attributes =
          Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (attributes.isSymbolicLink()
          || path.getParent() == null
          || !path.getParent().equals(root)) {
        // A link, or a name with directories, any of which may be a link: where it really leads
        // is checked. A plain file right in the root (what phones ask for) is in it already, and
        // costs one lstat instead of a readlink per component of the path.
        real = path.toRealPath();
        if (!real.startsWith(root.toRealPath())) {
          return new ServedFile.Missing(name);
        }
        attributes =
            Files.readAttributes(real, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      }
      if (!attributes.isRegularFile()) {
        return new ServedFile.Missing(name);
      }
      if (!Files.isReadable(real)) {
        return new ServedFile.Forbidden(name, "File is not readable");
      }
      return new ServedFile.StaticFile(
          name, real, attributes.size(), attributes.lastModifiedTime().toMillis());
    } catch (NoSuchFileException e) {
      return new ServedFile.Missing(name);
    } catch (IOException e) {
      return new ServedFile.Forbidden(name, "File cannot be read");
    }
  }
}
