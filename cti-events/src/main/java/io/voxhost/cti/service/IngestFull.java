package io.voxhost.cti.service;

/**
 * The events were not taken: the tenant's share of the ingest queue ({@code
 * voxhost.cti.tenant-queue}) or the node's ({@code voxhost.cti.queue}) is full. Nothing of them was
 * kept; the client sends them again later (idempotent).
 */
public final class IngestFull extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final boolean tenantsShare;

  public IngestFull(String message, boolean tenantsShare) {
    super(message, null, false, false);
    this.tenantsShare = tenantsShare;
  }

  /** True when the tenant's own bound refused them, false when the node's did. */
  public boolean tenantsShare() {
    return tenantsShare;
  }
}
