package io.voxhost.cnam.service;

import io.voxhost.cnam.api.CallerName;
import jakarta.inject.Singleton;

/** The platform's directory, which every tenant sees: after the tenant's, before providers. */
@Singleton
public class PlatformDirectorySource extends DirectorySource {

  PlatformDirectorySource(DirectoryMemory memory, DirectoryReader reader) {
    super(memory, reader);
  }

  @Override
  public int order() {
    return 30;
  }

  @Override
  DirectoryScope scope(Lookup lookup) {
    return DirectoryScope.PLATFORM;
  }

  @Override
  String source() {
    return CallerName.PLATFORM;
  }
}
