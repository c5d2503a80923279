package io.voxhost.sip.service;

import io.voxhost.cnam.api.SubscriberNames;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Subscribers' display names for the caller-name chain ({@code cnam}), read from the same memory
 * the SIP request path reads ({@link SubscriberDirectory}). A user part no subscriber could have is
 * known at once not to be one; a blank display name is no name.
 */
@Singleton
public class SubscriberDisplayNames implements SubscriberNames {

  private static final Pattern USERNAME = Pattern.compile(SubscriberRules.USERNAME);

  private final SubscriberDirectory directory;

  SubscriberDisplayNames(SubscriberDirectory directory) {
    this.directory = directory;
  }

  @Override
  public Optional<Optional<String>> inMemory(UUID tenant, String user) {
    if (!USERNAME.matcher(user).matches()) {
      return Optional.of(Optional.empty());
    }
    return directory.inMemory(tenant, user).map(found -> found.flatMap(this::displayName));
  }

  @Override
  public Optional<String> find(UUID tenant, String user) {
    if (!USERNAME.matcher(user).matches()) {
      return Optional.empty();
    }
    return directory.find(tenant, user).flatMap(this::displayName);
  }

  @Override
  public void follow(Duration timeout) throws InterruptedException {
    directory.follow(timeout);
  }

  private Optional<String> displayName(Subscriber subscriber) {
    String name = subscriber.displayName();
    return name == null || name.isBlank() ? Optional.empty() : Optional.of(name);
  }
}
