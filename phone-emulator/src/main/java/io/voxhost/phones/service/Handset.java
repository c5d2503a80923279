package io.voxhost.phones.service;

import io.voxhost.phones.codec.PhoneModel;

/** A phone of the fleet as the hardware is: its MAC and its maker's model. */
public record Handset(String mac, PhoneModel model) {}
