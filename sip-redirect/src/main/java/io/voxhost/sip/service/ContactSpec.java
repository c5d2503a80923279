package io.voxhost.sip.service;

/**
 * A Contact of a REGISTER as the registrar needs it.
 *
 * @param uri the URI as sent
 * @param key its comparable form
 * @param expires the contact's own {@code expires} parameter, or null
 * @param qMillis the {@code q} parameter in thousandths, or null
 * @param instanceId the {@code +sip.instance} parameter, or null
 * @param regId the {@code reg-id} parameter, or null
 */
public record ContactSpec(
    String uri, String key, Integer expires, Integer qMillis, String instanceId, Integer regId) {}
