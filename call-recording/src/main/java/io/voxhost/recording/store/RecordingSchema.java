package io.voxhost.recording.store;

import io.voxhost.platform.database.ModuleSchema;
import jakarta.inject.Singleton;

/** The recording role's schema: recordings and their legs' statistics. */
@Singleton
public class RecordingSchema implements ModuleSchema {

  @Override
  public String name() {
    return "recording";
  }
}
