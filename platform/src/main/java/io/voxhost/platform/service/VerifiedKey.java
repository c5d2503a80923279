package io.voxhost.platform.service;

/** A key as this node last read it from the database: whose it is, and whether it was revoked. */
record VerifiedKey(KeyOwner owner, boolean revoked) {}
