package io.voxhost.cnam.service;

import java.time.Instant;

/**
 * One number's name in a directory.
 *
 * @param number the number in E.164 form
 * @param name the cleaned name, 1 to 255 characters
 * @param updatedAt when it was last written
 */
public record DirectoryEntry(String number, String name, Instant updatedAt) {}
