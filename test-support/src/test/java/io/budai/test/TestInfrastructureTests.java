package io.budai.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class TestInfrastructureTests {

  @Test
  void replacesTheDatabaseKeepingHostAndParameters() {
    assertThat(
            TestInfrastructure.replaceDatabase(
                "jdbc:postgresql://localhost:5555/postgres?user=postgres", "t_x"))
        .isEqualTo("jdbc:postgresql://localhost:5555/t_x?user=postgres");
    assertThat(TestInfrastructure.replaceDatabase("jdbc:postgresql://h:1/db", "t_y"))
        .isEqualTo("jdbc:postgresql://h:1/t_y");
  }

  @Test
  void everyCallerGetsAFreshDatabaseOfItsOwn() throws SQLException {
    String first = TestInfrastructure.newDatabase("Isolation");
    String second = TestInfrastructure.newDatabase("Isolation");
    assertThat(first).isNotEqualTo(second);

    try (Connection a = DriverManager.getConnection(first);
        Statement s = a.createStatement()) {
      s.execute("CREATE TABLE only_in_first (id int)");
    }
    try (Connection b = DriverManager.getConnection(second);
        Statement s = b.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT count(*) FROM information_schema.tables WHERE table_name = 'only_in_first'")) {
      rs.next();
      assertThat(rs.getInt(1)).isZero();
    }
  }

  @Test
  void startsAPrivateRedisThatAnswersPing() throws IOException {
    // PING over RESP: the server must be a real Redis.
    try (Socket socket =
        new Socket(TestInfrastructure.redisHost(), TestInfrastructure.redisPort())) {
      OutputStream out = socket.getOutputStream();
      out.write("*1\r\n$4\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      byte[] reply = new byte[7];
      int read = in.readNBytes(reply, 0, 7);
      assertThat(new String(reply, 0, read, StandardCharsets.US_ASCII)).isEqualTo("+PONG\r\n");
    }
    if (System.getenv("BUDAI_TEST_REDIS_URL") == null) {
      assertThat(TestInfrastructure.redisPort()).isNotEqualTo(6379);
    }
  }
}
