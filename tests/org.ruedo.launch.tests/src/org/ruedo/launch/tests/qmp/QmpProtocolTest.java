package org.ruedo.launch.tests.qmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ruedo.launch.qmp.Json;
import org.ruedo.launch.qmp.QmpClient;
import org.ruedo.launch.qmp.QmpEvent;
import org.ruedo.launch.qmp.QmpException;
import org.ruedo.launch.qmp.commands.HumanMonitorCommand;
import org.ruedo.launch.qmp.commands.MemoryRead;
import org.ruedo.launch.qmp.commands.QueryStatus;

/** QMP protocol edge cases against a fake peer (QmpRealQemuTest covers the real QEMU). */
class QmpProtocolTest {
    @TempDir
    Path tmp;

    private static void answerCapabilities(FakeQmpPeer p, String line) {
        if (line.contains("qmp_capabilities")) {
            p.send("{\"return\": {}, \"id\": " + FakeQmpPeer.id(line) + "}");
        }
    }

    @Test
    void negotiatesCapabilitiesFirstAndMatchesAnswersById() throws Exception {
        Path s = tmp.resolve("q.sock");
        List<String> held = new CopyOnWriteArrayList<>();
        try (FakeQmpPeer peer = new FakeQmpPeer(s, FakeQmpPeer.GREETING, (p, line) -> {
            answerCapabilities(p, line);
            if (line.contains("human-monitor-command")) {
                held.add(line);
                if (held.size() == 2) {       // answer the second command first
                    p.send("{\"return\": \"two\\r\\n\", \"id\": " + FakeQmpPeer.id(held.get(1)) + "}");
                    p.send("{\"return\": \"one\\r\\n\", \"id\": " + FakeQmpPeer.id(held.get(0)) + "}");
                }
            }
        }); QmpClient c = QmpClient.connect(s, Duration.ofSeconds(10), () -> true)) {
            assertEquals("7.2.0", c.qemuVersion());
            assertEquals("{\"execute\":\"qmp_capabilities\",\"id\":1}", peer.received.get(0));
            String[] r = new String[2];
            Thread t = new Thread(() -> {
                try {
                    r[0] = c.execute(new HumanMonitorCommand("info one"));
                } catch (QmpException e) {
                    r[0] = e.toString();
                }
            });
            t.start();
            org.ruedo.launch.tests.Workspace.waitFor(() -> held.size() == 1, 10, "the first command to arrive");
            r[1] = c.execute(new HumanMonitorCommand("info two", 1));
            t.join(10_000);
            assertEquals("one\n", r[0]);
            assertEquals("two\n", r[1]);
            assertTrue(held.get(1).contains("\"arguments\":{\"command-line\":\"info two\",\"cpu-index\":1}"), held.get(1));
        }
    }

    @Test
    void anErrorAnswerIsAnExceptionWithQemusClassAndTheClientStaysUsable() throws Exception {
        Path s = tmp.resolve("q.sock");
        try (FakeQmpPeer peer = new FakeQmpPeer(s, FakeQmpPeer.GREETING, (p, line) -> {
            answerCapabilities(p, line);
            if (line.contains("query-status")) {
                p.send("{\"error\": {\"class\": \"CommandNotFound\", \"desc\": \"The command query-status has not been found\"}, \"id\": "
                        + FakeQmpPeer.id(line) + "}");
            } else if (line.contains("human-monitor-command")) {
                p.send("{\"return\": \"0000000000001000: 0x00000000deadbeef\\r\\n\", \"id\": " + FakeQmpPeer.id(line) + "}");
            }
        }); QmpClient c = QmpClient.connect(s, Duration.ofSeconds(10), () -> true)) {
            QmpException e = assertThrows(QmpException.class, () -> c.execute(new QueryStatus()));
            assertEquals("CommandNotFound", e.errorClass());
            assertEquals("query-status: The command query-status has not been found", e.getMessage());
            assertEquals(0xdeadbeefL, c.execute(MemoryRead.physical(0x1000, 1, 4))[0]);
        }
    }

    @Test
    void eventsReachListenersBetweenAnswers() throws Exception {
        Path s = tmp.resolve("q.sock");
        try (FakeQmpPeer peer = new FakeQmpPeer(s, FakeQmpPeer.GREETING, (p, line) -> {
            answerCapabilities(p, line);
            if (line.contains("query-status")) {
                p.send("{\"timestamp\": {\"seconds\": 1700000000, \"microseconds\": 250}, \"event\": \"STOP\"}");
                p.send("{\"return\": {\"status\": \"paused\", \"singlestep\": false, \"running\": false}, \"id\": " + FakeQmpPeer.id(line) + "}");
            }
        }); QmpClient c = QmpClient.connect(s, Duration.ofSeconds(10), () -> true)) {
            CountDownLatch got = new CountDownLatch(1);
            List<QmpEvent> events = new CopyOnWriteArrayList<>();
            c.onEvent(ev -> {
                events.add(ev);
                got.countDown();
            });
            QueryStatus.Status st = c.execute(new QueryStatus());
            assertFalse(st.running());
            assertEquals("paused", st.status());
            assertTrue(got.await(10, TimeUnit.SECONDS));
            assertEquals("STOP", events.get(0).name());
            assertEquals(1_700_000_000_000_250L, events.get(0).timestampMicros());
        }
    }

    @Test
    void aPendingCommandFailsWhenQemuHangsUpAndLaterOnesFailAtOnce() throws Exception {
        Path s = tmp.resolve("q.sock");
        try (FakeQmpPeer peer = new FakeQmpPeer(s, FakeQmpPeer.GREETING, (p, line) -> {
            answerCapabilities(p, line);
            if (line.contains("human-monitor-command")) {
                try {
                    p.hangUp();          // dies instead of answering
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            }
        }); QmpClient c = QmpClient.connect(s, Duration.ofSeconds(10), () -> true)) {
            QmpException e = assertThrows(QmpException.class, () -> c.execute(new HumanMonitorCommand("info registers")));
            assertEquals("human-monitor-command: QEMU's monitor closed (QEMU exited)", e.getMessage());
            assertFalse(c.isOpen());
            QmpException later = assertThrows(QmpException.class, () -> c.execute(new QueryStatus()));
            assertEquals("query-status: QEMU's monitor closed (QEMU exited)", later.getMessage());
        }
    }

    @Test
    void aPeerThatIsNotQmpIsRefused() throws Exception {
        Path s = tmp.resolve("q.sock");
        try (FakeQmpPeer peer = new FakeQmpPeer(s, "SSH-2.0-OpenSSH_9.2", (p, line) -> {
        })) {
            QmpException e = assertThrows(QmpException.class, () -> QmpClient.connect(s, Duration.ofSeconds(10), () -> true));
            assertEquals("not a QMP greeting: SSH-2.0-OpenSSH_9.2", e.getMessage());
        }
    }

    @Test
    void connectGivesUpWhenQemuDiesBeforeItsSocketExists() {
        Path s = tmp.resolve("never.sock");
        QmpException e = assertThrows(QmpException.class, () -> QmpClient.connect(s, Duration.ofSeconds(30), () -> false));
        assertEquals("QEMU exited before its monitor socket " + s + " accepted a connection", e.getMessage());
    }

    @Test
    void hmpTextForUnmappedMemoryIsAnError() throws Exception {
        Path s = tmp.resolve("q.sock");
        try (FakeQmpPeer peer = new FakeQmpPeer(s, FakeQmpPeer.GREETING, (p, line) -> {
            answerCapabilities(p, line);
            if (line.contains("human-monitor-command")) {
                p.send("{\"return\": \"0000000000000000: Cannot access memory\\r\\n\", \"id\": " + FakeQmpPeer.id(line) + "}");
            }
        }); QmpClient c = QmpClient.connect(s, Duration.ofSeconds(10), () -> true)) {
            QmpException e = assertThrows(QmpException.class, () -> c.execute(MemoryRead.virtual(0, 2, 8, 0)));
            assertEquals("cannot read guest memory at 0x0 (x /2gx 0x0): not mapped", e.getMessage());
            assertTrue(peer.received.get(1).contains("\"command-line\":\"x /2gx 0x0\",\"cpu-index\":0"), peer.received.get(1));
        }
    }

    @Test
    void qemuCommandPutsQmpOnAUnixSocketOnly() {
        java.util.List<String> argv = new org.ruedo.core.qemu.QemuCommand().image(Path.of("/p/build/x.img"))
                .qmpSocket(Path.of("/tmp/ruedo-qmp-1/qmp.sock")).build();
        int i = argv.indexOf("-qmp");
        assertEquals("unix:/tmp/ruedo-qmp-1/qmp.sock,server=on,wait=off", argv.get(i + 1));
        assertEquals(1, argv.stream().filter("-qmp"::equals).count());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new org.ruedo.core.qemu.QemuCommand().qmpSocket(Path.of("/tmp/a,b/qmp.sock")));
        assertEquals("QMP socket path has a comma: /tmp/a,b/qmp.sock", e.getMessage());
    }

    @Test
    void jsonRoundTripsQmpMessages() {
        Object v = Json.parse("{\"return\": [1, -2, 3.5, \"a\\\"b\\u0041\\n\", true, null, {}], \"id\": 9007199254740993}");
        Map<?, ?> m = (Map<?, ?>) v;
        List<?> r = (List<?>) m.get("return");
        assertEquals(List.of(1L, -2L, 3.5, "a\"bA\n", true), r.subList(0, 5));
        assertEquals(null, r.get(5));
        assertEquals(Map.of(), r.get(6));
        assertEquals(9007199254740993L, m.get("id"));
        assertEquals("{\"return\":[1,-2,3.5,\"a\\\"bA\\n\",true,null,{}],\"id\":9007199254740993}", Json.write(v));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\": 1} x"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\": }"));
    }
}
