package io.voxhost.cnam.service;

import java.time.LocalDate;
import java.util.UUID;

/**
 * Dips one tenant caused at one provider on one day (UTC).
 *
 * @param tenant the tenant billed
 * @param provider the provider asked
 * @param day the day, UTC
 * @param dips how many
 */
public record DipCount(UUID tenant, String provider, LocalDate day, long dips) {}
