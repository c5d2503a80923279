package io.voxhost.cnam.service;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** Where counted dips are kept ({@code cnam.dip_usage}). */
public interface UsageStore {

  /** Adds {@code counts} to what is stored, in one statement. */
  void add(List<DipCount> counts);

  /** A tenant's counts from {@code from} to {@code to}, both included; by day, then provider. */
  List<DipCount> tenant(UUID tenant, LocalDate from, LocalDate to);

  /** Every tenant's counts from {@code from} to {@code to}; by day, tenant, provider. */
  List<DipCount> all(LocalDate from, LocalDate to);
}
