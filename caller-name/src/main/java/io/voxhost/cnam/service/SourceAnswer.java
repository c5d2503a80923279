package io.voxhost.cnam.service;

import io.voxhost.cnam.api.CallerName;

/**
 * What one {@link NameSource} says about a number: a name, or that it knows none (the chain then
 * asks the next source).
 */
public record SourceAnswer(CallerName found) {

  public static final SourceAnswer UNKNOWN = new SourceAnswer(null);

  public static SourceAnswer of(CallerName found) {
    return new SourceAnswer(found);
  }

  public boolean isFound() {
    return found != null;
  }
}
