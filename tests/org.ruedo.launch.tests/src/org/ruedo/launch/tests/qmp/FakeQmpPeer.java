package org.ruedo.launch.tests.qmp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

/**
 * A fake QMP peer on a Unix socket for protocol edge cases (the real QEMU is tested too): sends a
 * greeting, then hands each received line to a script that may answer (or not) through {@link #send}.
 */
final class FakeQmpPeer implements AutoCloseable {
    private final ServerSocketChannel server;
    private volatile SocketChannel client;
    private volatile OutputStream out;
    final List<String> received = new CopyOnWriteArrayList<>();

    FakeQmpPeer(Path socket, String greeting, BiConsumer<FakeQmpPeer, String> script) throws IOException {
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        Thread t = new Thread(() -> {
            try {
                client = server.accept();
                out = Channels.newOutputStream(client);
                send(greeting);
                BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(client), StandardCharsets.UTF_8));
                String line;
                while ((line = in.readLine()) != null) {
                    received.add(line);
                    script.accept(this, line);
                }
            } catch (IOException e) {
                // closed
            }
        }, "fake-qmp-peer");
        t.setDaemon(true);
        t.start();
    }

    static final String GREETING = "{\"QMP\": {\"version\": {\"qemu\": {\"micro\": 0, \"minor\": 2, \"major\": 7}, \"package\": \"\"}, \"capabilities\": [\"oob\"]}}";

    /** The {@code id} of a command line (the fake does not parse JSON beyond that). */
    static String id(String line) {
        return line.replaceAll(".*\"id\":(\\d+).*", "$1");
    }

    synchronized void send(String line) {
        try {
            out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            // the client went away
        }
    }

    /** Closes the connection (QEMU dying). */
    void hangUp() throws IOException {
        if (client != null) {
            client.close();
        }
    }

    @Override
    public void close() throws IOException {
        hangUp();
        server.close();
    }
}
