package dev.pristine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class OwnerMarkerTest {

    @Test
    void roundTripsThroughText() {
        OwnerMarker m = OwnerMarker.ofThisProcess("k".repeat(64), "Order Test & co=1");
        assertThat(OwnerMarker.decode(m.encode())).contains(m);
    }

    @Test
    void rejectsForeignText() {
        assertThat(OwnerMarker.decode("some comment a user wrote")).isEmpty();
        assertThat(OwnerMarker.decode(null)).isEmpty();
        assertThat(OwnerMarker.decode("pristine:v1 pid=notanumber")).isEmpty();
    }

    @Test
    void thisProcessIsAlive() {
        assertThat(OwnerMarker.ofThisProcess("k", "t").isAlive(Instant.now())).isTrue();
    }

    @Test
    void aProcessThatEndedIsDead() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        OwnerMarker dead = new OwnerMarker("k", OwnerMarker.ofThisProcess("k", "t").host(), p.pid(), 0, 0, "t");
        assertThat(dead.isAlive(Instant.now())).isFalse();
    }

    @Test
    void aReusedPidWithAnotherStartTimeIsDead() {
        OwnerMarker self = OwnerMarker.ofThisProcess("k", "t");
        OwnerMarker impostor = new OwnerMarker("k", self.host(), self.pid() == 1 ? 1 : ProcessHandle.current().parent()
                .map(ProcessHandle::pid).orElse(1L), self.startMillis() + 3_600_000, 0, "t");
        assertThat(impostor.isAlive(Instant.now())).isFalse();
    }

    @Test
    void expiringOwnersLiveUntilTheirExpiry() {
        Instant now = Instant.now();
        OwnerMarker m = OwnerMarker.expiringAt("k", now.plusSeconds(60), "lease");
        assertThat(m.isAlive(now)).isTrue();
        assertThat(m.isAlive(now.plusSeconds(61))).isFalse();
        assertThat(m.pid()).isZero();
    }

    @Test
    void ownersOnOtherHostsAreAssumedAlive() {
        assertThat(new OwnerMarker("k", "another-host", 1, 1, 0, "t").isAlive(Instant.now())).isTrue();
    }
}
