package io.voxhost.cnam.service;

import io.voxhost.cnam.api.CallerName;

/**
 * What one {@link NameSource} says about a number: a name; that it knows none (the chain then asks
 * the next source); or that it could not tell (its read was refused, failed or came too late), so
 * that an extension it may know is not judged "no number" for it.
 */
public record SourceAnswer(CallerName found, boolean unread) {

  public static final SourceAnswer UNKNOWN = new SourceAnswer(null, false);
  public static final SourceAnswer UNREAD = new SourceAnswer(null, true);

  public static SourceAnswer of(CallerName found) {
    return new SourceAnswer(found, false);
  }

  public boolean isFound() {
    return found != null;
  }
}
