package io.voxhost.cnam.service;

import io.voxhost.cnam.api.CallerName;
import jakarta.inject.Singleton;

/** The tenant's own directory: after its subscribers, before the platform's directory. */
@Singleton
public class TenantDirectorySource extends DirectorySource {

  TenantDirectorySource(DirectoryMemory memory, DirectoryReader reader) {
    super(memory, reader);
  }

  @Override
  public int order() {
    return 20;
  }

  @Override
  DirectoryScope scope(Lookup lookup) {
    return DirectoryScope.of(lookup.tenant());
  }

  @Override
  String source() {
    return CallerName.DIRECTORY;
  }
}
