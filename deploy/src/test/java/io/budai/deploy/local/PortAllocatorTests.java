package io.budai.deploy.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PortAllocatorTests {

  private static final List<PortAllocator.Request> FLEET =
      List.of(
          new PortAllocator.Request("gateway-service", 8000),
          new PortAllocator.Request("orchestrator-service", 8001),
          new PortAllocator.Request("summarizer-agent", 8002));

  @Test
  void keepsEveryPreferredPortThatIsFree() {
    PortAllocator.Allocation allocation =
        new PortAllocator(port -> true).allocate(FLEET, Set.of(), false);

    assertThat(allocation.ok()).isTrue();
    assertThat(allocation.notices()).isEmpty();
    assertThat(allocation.ports())
        .containsExactly(
            Map.entry("gateway-service", 8000),
            Map.entry("orchestrator-service", 8001),
            Map.entry("summarizer-agent", 8002));
  }

  @Test
  void movesAServiceWhosePortIsTakenAboveTheBlockAndSaysWhich() {
    Set<Integer> taken = Set.of(8001, 8003);

    PortAllocator.Allocation allocation =
        new PortAllocator(port -> !taken.contains(port)).allocate(FLEET, Set.of(), false);

    assertThat(allocation.ports())
        .containsEntry("gateway-service", 8000)
        .containsEntry("orchestrator-service", 8004)
        .containsEntry("summarizer-agent", 8002);
    assertThat(allocation.notices())
        .containsExactly(
            "port 8001 for orchestrator-service is taken by another process: using 8004 instead");
  }

  @Test
  void neverHandsOutAPortTheFleetAlreadyUses() {
    PortAllocator.Allocation allocation =
        new PortAllocator(port -> true).allocate(FLEET, Set.of(8000, 8003), false);

    assertThat(allocation.ports().get("gateway-service")).isEqualTo(8004);
    assertThat(allocation.notices())
        .containsExactly(
            "port 8000 for gateway-service is already used by this fleet: using 8004 instead");
  }

  @Test
  void givesDistinctPortsToServicesPreferringTheSameOne() {
    List<PortAllocator.Request> clash =
        List.of(new PortAllocator.Request("a", 9000), new PortAllocator.Request("b", 9000));

    PortAllocator.Allocation allocation =
        new PortAllocator(port -> true).allocate(clash, Set.of(), false);

    assertThat(allocation.ports()).containsEntry("a", 9000).containsEntry("b", 9001);
  }

  @Test
  void strictModeFailsNamingEachTakenPortAndItsService() {
    PortAllocator.Allocation allocation =
        new PortAllocator(port -> port != 8002).allocate(FLEET, Set.of(), true);

    assertThat(allocation.ok()).isFalse();
    assertThat(allocation.errors())
        .containsExactly(
            "port 8002 for summarizer-agent is taken by another process (--strict-ports: not picking another)");
    assertThat(allocation.ports()).doesNotContainKey("summarizer-agent");
  }

  @Test
  void theRealProbeSeesAListeningSocketAsTaken() throws IOException {
    try (ServerSocket listener = new ServerSocket()) {
      listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      int port = listener.getLocalPort();

      assertThat(PortProbe.binding("127.0.0.1").isFree(port)).isFalse();
      assertThat(PortProbe.binding("0.0.0.0").isFree(port)).isFalse();
    }
    int free = PortProbe.anyFree("127.0.0.1");
    assertThat(PortProbe.binding("127.0.0.1").isFree(free)).isTrue();
  }
}
