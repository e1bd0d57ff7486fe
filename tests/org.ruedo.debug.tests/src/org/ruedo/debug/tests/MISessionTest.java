package org.ruedo.debug.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.ruedo.debug.mi.MIException;
import org.ruedo.debug.mi.MIFrame;
import org.ruedo.debug.mi.MIRecord;
import org.ruedo.debug.mi.MISession;
import org.ruedo.debug.mi.commands.ExecNext;
import org.ruedo.debug.mi.commands.StackListFrames;

/** The command queue against a fake MI peer: tokens, out-of-order records, timeouts, gdb dying mid-command. */
class MISessionTest {
    @Test
    void tokensMatchResultsAndAsyncMayComeFirst() throws Exception {
        try (FakeGdb gdb = new FakeGdb(); MISession s = new MISession(gdb.toSession, gdb.fromSession)) {
            List<String> order = new CopyOnWriteArrayList<>();
            s.addListener(new MISession.Listener() {
                @Override
                public void async(MIRecord.Async a) {
                    order.add("async:" + a.asyncClass());
                }
            });
            CompletableFuture<List<MIFrame>> frames = CompletableFuture.supplyAsync(() -> {
                try {
                    return s.execute(new StackListFrames(1));
                } catch (MIException e) {
                    throw new RuntimeException(e);
                }
            });
            String cmd = gdb.nextCommand();
            assertTrue(cmd.matches("\\d+-stack-list-frames --thread 1"), cmd);
            int t = FakeGdb.token(cmd);
            gdb.say("*running,thread-id=\"all\"");      // an async record before the answer
            gdb.say("(gdb) ");
            gdb.say((t + 100) + "^done");               // someone else's token: ignored
            gdb.say(t + "^done,stack=[frame={level=\"0\",addr=\"0x1\",func=\"main\",file=\"main.c\",fullname=\"/a/main.c\",line=\"7\"}]");
            List<MIFrame> f = frames.get(5, TimeUnit.SECONDS);
            assertEquals(7, f.get(0).line());
            assertEquals(List.of("async:running"), order);
        }
    }

    @Test
    void errorResultBecomesAnException() throws Exception {
        try (FakeGdb gdb = new FakeGdb(); MISession s = new MISession(gdb.toSession, gdb.fromSession)) {
            CompletableFuture<Object> f = CompletableFuture.supplyAsync(() -> {
                try {
                    s.execute(new ExecNext(1));
                    return "no error";
                } catch (MIException e) {
                    return e;
                }
            });
            int t = FakeGdb.token(gdb.nextCommand());
            gdb.say(t + "^error,msg=\"The program is not being run.\"");
            MIException e = (MIException) f.get(5, TimeUnit.SECONDS);
            assertEquals("-exec-next: The program is not being run.", e.getMessage());
        }
    }

    @Test
    void commandTimesOut() throws Exception {
        try (FakeGdb gdb = new FakeGdb(); MISession s = new MISession(gdb.toSession, gdb.fromSession)) {
            MIException e = assertThrows(MIException.class, () -> s.execute(new ExecNext(1), 300));
            assertTrue(e.getMessage().contains("timed out after 300 ms"), e.getMessage());
            assertEquals("-exec-next --thread 1", gdb.nextCommand().replaceAll("^\\d+", ""));
            assertEquals(0, s.pendingCount(), "a timed-out command is no longer pending");
        }
    }

    @Test
    void timeoutNamesOutputThatIsNotMI() throws Exception {
        try (FakeGdb gdb = new FakeGdb(); MISession s = new MISession(gdb.toSession, gdb.fromSession)) {
            java.util.concurrent.CountDownLatch read = new java.util.concurrent.CountDownLatch(1);
            s.addListener(new MISession.Listener() {
                @Override
                public void unparsed(org.ruedo.debug.mi.MIRecord.Unparsed u) {
                    read.countDown();
                }
            });
            gdb.say("Segmentation fault in the peer, this is not MI");
            gdb.say("(gdb) ");
            // the garbage was read before the command goes out: the timeout's message can name it however slow the machine
            assertTrue(read.await(30, TimeUnit.SECONDS), "the reader saw the line");
            MIException e = assertThrows(MIException.class, () -> s.execute(new ExecNext(1), 300));
            assertTrue(e.getMessage().contains("not GDB/MI: 'Segmentation fault in the peer, this is not MI'"), e.getMessage());
            // the session still works afterwards: the next answer is matched by its token
            var f = s.send(new ExecNext(1));
            gdb.nextCommand();
            int t = FakeGdb.token(gdb.nextCommand());
            gdb.say(t + "^running");
            assertEquals("running", f.get(5, TimeUnit.SECONDS).resultClass());
        }
    }

    @Test
    void gdbExitingMidCommandFailsPendingCommandsAndTellsListeners() throws Exception {
        try (FakeGdb gdb = new FakeGdb(); MISession s = new MISession(gdb.toSession, gdb.fromSession)) {
            CountDownLatch closed = new CountDownLatch(1);
            s.addListener(new MISession.Listener() {
                @Override
                public void closed(String reason) {
                    closed.countDown();
                }
            });
            CompletableFuture<MIRecord.Result> pending = s.send(new ExecNext(1));
            gdb.nextCommand();
            gdb.say("~\"partial output\\n\"");
            gdb.die();
            assertTrue(closed.await(5, TimeUnit.SECONDS));
            Exception e = assertThrows(Exception.class, () -> pending.get(5, TimeUnit.SECONDS));
            assertTrue(e.getCause() instanceof MIException && e.getCause().getMessage().contains("gdb exited"), e.toString());
            assertTrue(s.isClosed());
            // later commands fail at once instead of hanging
            MIException later = assertThrows(MIException.class, () -> s.execute(new ExecNext(1), 60_000));
            assertTrue(later.getMessage().contains("gdb exited"));
        }
    }

    /**
     * Commands sent while gdb dies: whichever side wins the race, every command fails at once with the
     * reason; none is left pending to wait out its timeout (the senders here would wait a minute).
     */
    @Test
    void commandsSentJustAsGdbDiesFailAtOnce() throws Exception {
        for (int round = 0; round < 200; round++) {
            try (FakeGdb gdb = new FakeGdb(); MISession s = new MISession(gdb.toSession, gdb.fromSession)) {
                List<CompletableFuture<MIRecord.Result>> sent = new CopyOnWriteArrayList<>();
                CountDownLatch go = new CountDownLatch(1);
                List<Thread> senders = new java.util.ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    Thread th = new Thread(() -> {
                        try {
                            go.await();
                        } catch (InterruptedException e) {
                            return;
                        }
                        while (true) {
                            CompletableFuture<MIRecord.Result> f = s.send(new ExecNext(1));
                            sent.add(f);
                            if (f.isDone()) {
                                return; // failed at once: the session is closed
                            }
                        }
                    });
                    th.start();
                    senders.add(th);
                }
                go.countDown();
                gdb.die();
                for (Thread th : senders) {
                    th.join(5000);
                    assertFalse(th.isAlive(), "a sender never saw the session closed");
                }
                long end = System.currentTimeMillis() + 2000;
                for (CompletableFuture<MIRecord.Result> f : sent) {
                    try {
                        f.get(Math.max(1, end - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
                        throw new AssertionError("a command succeeded after gdb died");
                    } catch (java.util.concurrent.ExecutionException e) {
                        // "gdb exited", or the write to the dead peer failing: either way at once
                        assertTrue(e.getCause() instanceof MIException m
                                && (m.getMessage().contains("gdb exited") || m.getMessage().startsWith("cannot write to gdb")), e.toString());
                    } catch (java.util.concurrent.TimeoutException e) {
                        throw new AssertionError("round " + round + ": a command sent as gdb died is still pending ("
                                + s.pendingCount() + " pending of " + sent.size() + ")");
                    }
                }
                assertEquals(0, s.pendingCount(), "round " + round);
            }
        }
    }

    @Test
    void garbageLinesDoNotStopTheReader() throws Exception {
        try (FakeGdb gdb = new FakeGdb(); MISession s = new MISession(gdb.toSession, gdb.fromSession)) {
            List<String> junk = new CopyOnWriteArrayList<>();
            s.addListener(new MISession.Listener() {
                @Override
                public void unparsed(MIRecord.Unparsed u) {
                    junk.add(u.line());
                }
            });
            CompletableFuture<MIRecord.Result> f = s.send(new ExecNext(1));
            int t = FakeGdb.token(gdb.nextCommand());
            gdb.say("Remote debugging using 127.0.0.1:1234");
            gdb.say("^done,broken={");
            gdb.say(t + "^running");
            assertEquals("running", f.get(5, TimeUnit.SECONDS).resultClass());
            assertEquals(List.of("Remote debugging using 127.0.0.1:1234", "^done,broken={"), junk);
        }
    }

    @Test
    void truncatedLinesDoNotEndTheSession() throws Exception {
        try (FakeGdb gdb = new FakeGdb(); MISession s = new MISession(gdb.toSession, gdb.fromSession)) {
            List<String> junk = new CopyOnWriteArrayList<>();
            List<String> closed = new CopyOnWriteArrayList<>();
            s.addListener(new MISession.Listener() {
                @Override
                public void unparsed(MIRecord.Unparsed u) {
                    junk.add(u.line());
                }

                @Override
                public void closed(String reason) {
                    closed.add(reason);
                }
            });
            CompletableFuture<MIRecord.Result> first = s.send(new ExecNext(1));
            int t = FakeGdb.token(gdb.nextCommand());
            // the answer to the pending command, cut short: garbage, so the command is still pending
            List<String> cut = List.of(t + "^done,a=[", "=x,y=[\"a\",", "^done,a={b=\"c\"", "~\"no end", "*stopped,frame={args=[");
            for (String l : cut) {
                gdb.say(l);
            }
            gdb.say(t + "^running");
            assertEquals("running", first.get(5, TimeUnit.SECONDS).resultClass());
            assertEquals(cut, junk);
            // a later command still gets its answer
            var later = s.submit(new org.ruedo.debug.mi.commands.DataEvaluateExpression(1, 0, "a + b"), 5000);
            gdb.say(FakeGdb.token(gdb.nextCommand()) + "^done,value=\"13\"");
            assertEquals("13", later.get(5, TimeUnit.SECONDS));
            assertFalse(s.isClosed(), s.closedReason());
            assertEquals(List.of(), closed);
        }
    }

    @Test
    void submittedCommandsAreFuturesWithTheirOwnTimeouts() throws Exception {
        try (FakeGdb gdb = new FakeGdb(); MISession s = new MISession(gdb.toSession, gdb.fromSession)) {
            var slow = s.submit(new org.ruedo.debug.mi.commands.ThreadInfo(), 200);
            var fast = s.submit(new org.ruedo.debug.mi.commands.DataEvaluateExpression(1, 0, "a + b"), 5000);
            int t1 = FakeGdb.token(gdb.nextCommand());
            int t2 = FakeGdb.token(gdb.nextCommand());
            gdb.say(t2 + "^done,value=\"13\"");
            assertEquals("13", fast.get(5, TimeUnit.SECONDS));
            var e = assertThrows(java.util.concurrent.ExecutionException.class, () -> slow.get(5, TimeUnit.SECONDS));
            assertTrue(e.getCause() instanceof MIException && e.getCause().getMessage().contains("-thread-info timed out after 200 ms"),
                    String.valueOf(e.getCause()));
            // a late answer to the timed-out command is dropped without harm
            gdb.say(t1 + "^done,threads=[]");
            var next = s.submit(new org.ruedo.debug.mi.commands.DataEvaluateExpression(1, 0, "1"), 5000);
            gdb.say(FakeGdb.token(gdb.nextCommand()) + "^error,msg=\"No symbol table is loaded.\"");
            var err = assertThrows(java.util.concurrent.ExecutionException.class, () -> next.get(5, TimeUnit.SECONDS));
            assertEquals("-data-evaluate-expression: No symbol table is loaded.", err.getCause().getMessage());
            assertEquals(0, s.pendingCount());
        }
    }

    @Test
    void aPeerThatIsNotSpeakingMIEndsTheSessionWithAMessage() throws Exception {
        try (FakeGdb gdb = new FakeGdb(); MISession s = new MISession(gdb.toSession, gdb.fromSession)) {
            List<String> closed = new CopyOnWriteArrayList<>();
            s.addListener(new MISession.Listener() {
                @Override
                public void closed(String reason) {
                    closed.add(reason);
                }
            });
            CompletableFuture<MIRecord.Result> pending = s.send(new ExecNext(1));
            gdb.nextCommand();
            for (int i = 0; i < MISession.MAX_GARBAGE_LINES; i++) {
                gdb.say("Welcome to some other program, line " + i);
            }
            Exception e = assertThrows(Exception.class, () -> pending.get(5, TimeUnit.SECONDS));
            assertTrue(e.getCause() instanceof MIException && e.getCause().getMessage().contains("not GDB/MI")
                    && e.getCause().getMessage().contains("some other program, line " + (MISession.MAX_GARBAGE_LINES - 1)), e.toString());
            assertTrue(s.isClosed());
            long end = System.currentTimeMillis() + 5000;
            while (closed.isEmpty() && System.currentTimeMillis() < end) {
                Thread.sleep(10);
            }
            assertEquals(1, closed.size(), "listeners told once");
            assertTrue(closed.get(0).contains("not GDB/MI"), closed.get(0));
        }
    }
}
