package io.voxhost.platform.role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.voxhost.platform.config.ReloadedSettings;
import io.voxhost.platform.config.StartupFailure;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnabledRolesTest {

  private record NamedRole(String name) implements Role {
    @Override
    public List<String> httpPaths() {
      return List.of("/api/v1/" + name);
    }

    @Override
    public void start() {}

    @Override
    public Drained drain(Instant deadline) {
      return Drained.complete("idle");
    }

    @Override
    public Reloaded reload(ReloadedSettings settings) {
      return Reloaded.nothing();
    }

    @Override
    public void stop() {}

    @Override
    public RoleHealth health() {
      return RoleHealth.ready(name);
    }
  }

  private final List<Role> available = List.of(new NamedRole("tftp"), new NamedRole("sip"));

  @Test
  void allMeansEveryKnownRoleInNameOrder() {
    assertThat(EnabledRoles.resolve(List.of("all"), available).names())
        .containsExactly("sip", "tftp");
    assertThat(EnabledRoles.resolve(List.of(), available).names()).containsExactly("sip", "tftp");
  }

  @Test
  void keepsTheConfiguredOrderAndIgnoresCaseAndBlanks() {
    EnabledRoles roles = EnabledRoles.resolve(List.of(" TFTP", "", "sip", "tftp"), available);
    assertThat(roles.names()).containsExactly("tftp", "sip");
    assertThat(roles.isEnabled("sip")).isTrue();
  }

  @Test
  void unknownRoleFailsNamingTheKnownOnes() {
    assertThatThrownBy(() -> EnabledRoles.resolve(List.of("sip", "fax"), available))
        .isInstanceOf(StartupFailure.class)
        .hasMessage("voxhost.roles: unknown role 'fax'; known roles: sip, tftp (or 'all')");
  }

  @Test
  void saysSoWhenTheBuildHasNoRoles() {
    assertThatThrownBy(() -> EnabledRoles.resolve(List.of("sip"), List.of()))
        .hasMessageContaining("known roles: none in this build");
  }
}
