package io.voxhost.platform.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.voxhost.platform.service.KeyScope;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The scope rule by method and path alone, as the filter applies it to every module's routes. */
class ScopedAccessTest {

  @ParameterizedTest(name = "{0} {1} {2} -> {3}")
  @CsvSource({
    // a full key: everything
    "full, POST, /api/v1/keys, allowed",
    "full, DELETE, /api/v1/recordings/r1, allowed",
    "full, GET, /api/v1/admin/tenants, allowed",
    // read-only: safe methods on every API, never the keys
    "read-only, GET, /api/v1/tenant, allowed",
    "read-only, HEAD, /api/v1/recordings/r1.wav, allowed",
    "read-only, OPTIONS, /api/v1/sip/users, allowed",
    "read-only, GET, /api/v1/tftp/devices, allowed",
    "read-only, POST, /api/v1/sip/users, refused",
    "read-only, PUT, /api/v1/recordings/settings, refused",
    "read-only, PATCH, /api/v1/tftp/devices/x, refused",
    "read-only, DELETE, /api/v1/recordings/r1, refused",
    "read-only, GET, /api/v1/keys, refused",
    "read-only, GET, /api/v1/keys/vx_abcdefgh, refused",
    "read-only, POST, /api/v1/keys, refused",
    "read-only, GET, /api/v1/admin/tenants, refused",
    // a POST a role declares to only read (here the batch of caller-name lookups), nothing else
    "read-only, POST, /api/v1/cnam/lookups, allowed",
    "read-only, POST, /api/v1/cnam/lookups/x, refused",
    "read-only, POST, /api/v1/cnam/directory/import, refused",
    "recordings-read, POST, /api/v1/cnam/lookups, refused",
    // recordings-read: GET and HEAD of recordings, nothing else
    "recordings-read, GET, /api/v1/recordings, allowed",
    "recordings-read, GET, /api/v1/recordings/, allowed",
    "recordings-read, GET, /api/v1/recordings/3f1c/audio.mp3, allowed",
    "recordings-read, HEAD, /api/v1/recordings/3f1c.wav, allowed",
    "recordings-read, OPTIONS, /api/v1/recordings, refused",
    "recordings-read, POST, /api/v1/recordings, refused",
    "recordings-read, DELETE, /api/v1/recordings/3f1c, refused",
    "recordings-read, POST, /api/v1/recordings/3f1c/links, refused",
    "recordings-read, GET, /api/v1/recordings/settings, refused",
    "recordings-read, GET, /api/v1/recordings/sessions/3f1c, refused",
    "recordings-read, GET, /api/v1/recordingsx, refused",
    "recordings-read, GET, /api/v1/tenant, refused",
    "recordings-read, GET, /api/v1/keys, refused",
    "recordings-read, GET, /api/v1/sip/users, refused",
    // spellings that could reach another resource than the one the rule saw
    "recordings-read, GET, /api/v1/recordings/../tenant, refused",
    "recordings-read, GET, /api/v1/recordings/./x, refused",
    "recordings-read, GET, /api/v1/recordings/.., refused",
    "recordings-read, GET, //api/v1/recordings, refused",
    "recordings-read, GET, /api/v1/recordings/%2e%2e/tenant, refused",
    "recordings-read, GET, /api/v1/recordings;v=1/x, refused",
    "read-only, GET, /api/v1/tenant/..\\keys, refused",
    "recordings-read, GET, api/v1/recordings, refused",
  })
  void allowsEachScopeItsCallsOnly(String scope, String method, String path, String expected) {
    KeyScope keyScope = KeyScope.of(scope).orElseThrow();
    var refusal = ScopedAccess.refusal(keyScope, method, path, Set.of("/api/v1/cnam/lookups"));
    assertThat(refusal.isEmpty() ? "allowed" : "refused").isEqualTo(expected);
    refusal.ifPresent(why -> assertThat(why).contains("scope is " + scope));
  }
}
