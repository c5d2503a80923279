package io.voxhost.platform.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.SocketTimeoutException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class DatabaseFailureTest {

  @Test
  void anOutageIsKnownWhicheverLayerWrappedIt() {
    SQLException pool = new SQLException("Acquisition timeout while waiting for new connection");
    assertThat(DatabaseFailure.isOutage(pool)).isTrue();
    assertThat(DatabaseFailure.isOutage(new RuntimeException("hibernate", pool))).isTrue();
    assertThat(DatabaseFailure.isOutage(new SQLException("I/O error", "08006"))).isTrue();
    assertThat(DatabaseFailure.isOutage(new SQLException("canceled", "57014"))).isTrue();
    assertThat(DatabaseFailure.isOutage(new SQLException("shutting down", "57P01"))).isTrue();
    assertThat(DatabaseFailure.isOutage(DatabaseFailure.of(new SQLException("x", "08001"))))
        .isTrue();
    assertThat(DatabaseFailure.isOutage(new IllegalStateException(new SocketTimeoutException())))
        .isTrue();
    assertThat(DatabaseFailure.isOutage(DatabaseFailure.away("binding not stored"))).isTrue();
    SQLException interrupted =
        new SQLException(
            "Something unusual has occurred",
            "99999",
            new RuntimeException("Interrupted while attempting to connect."));
    assertThat(DatabaseFailure.isOutage(new RuntimeException(interrupted))).isTrue();
  }

  @Test
  void aRefusedChangeOrABugIsNoOutage() {
    assertThat(DatabaseFailure.isOutage(new SQLException("duplicate", "23505"))).isFalse();
    assertThat(DatabaseFailure.isOutage(DatabaseFailure.of(new SQLException("syntax", "42601"))))
        .isFalse();
    assertThat(DatabaseFailure.isOutage(new NullPointerException())).isFalse();
    assertThat(DatabaseFailure.isOutage(null)).isFalse();
  }
}
