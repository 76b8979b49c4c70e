package io.apogee.it;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy in front of a broker that holds back SEND responses: it copies client bytes to the broker as they come
 * and the broker's frames (docs/protocol/01-framing.md) back one by one, and while {@link #delay} is set, a frame
 * whose header names {@code queueOffset} (a SEND response; the key is plain UTF-8 in both header serializations) is
 * forwarded only after that many milliseconds. So a real client times out on a send that the broker did store.
 * Each connection has its own two copying threads (daemons); a delayed frame holds up only its connection.
 *
 * <p>Thread-safe: the delay and the counter are atomic; the socket list is concurrent.
 */
final class SendResponseDelay implements AutoCloseable {

    private static final byte[] SEND_RESPONSE_KEY = "queueOffset".getBytes(StandardCharsets.UTF_8);

    private final ServerSocket server;
    private final InetSocketAddress broker;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicInteger delayMillis = new AtomicInteger();
    private final AtomicInteger delayed = new AtomicInteger();
    private final AtomicBoolean once = new AtomicBoolean();

    /** Listens on {@code host:port} and forwards to {@code broker}. */
    SendResponseDelay(String host, int port, InetSocketAddress broker) throws IOException {
        this.server = new ServerSocket(port, 50, InetAddress.getByName(host));
        this.broker = broker;
        Thread acceptor = new Thread(this::accept, "send-delay-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Holds back every SEND response by {@code millis} from now on; 0 stops it. */
    void delay(int millis) {
        once.set(false);
        delayMillis.set(millis);
    }

    /** Holds back the next SEND response only, by {@code millis}. */
    void delayNext(int millis) {
        once.set(true);
        delayMillis.set(millis);
    }

    /** SEND responses held back and then forwarded so far. */
    int delayed() {
        return delayed.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(broker.getAddress(), broker.getPort());
                sockets.add(client);
                sockets.add(upstream);
                pump("send-delay-up", () -> copy(client.getInputStream(), upstream.getOutputStream()), client,
                        upstream);
                pump("send-delay-down", () -> frames(upstream.getInputStream(), client.getOutputStream()), client,
                        upstream);
            } catch (IOException e) {
                return;
            }
        }
    }

    private interface Copy {
        void run() throws IOException, InterruptedException;
    }

    private static void pump(String name, Copy copy, Socket a, Socket b) {
        Thread t = new Thread(() -> {
            try {
                copy.run();
            } catch (IOException | InterruptedException e) {
                // the connection ended
            } finally {
                closeQuietly(a);
                closeQuietly(b);
            }
        }, name);
        t.setDaemon(true);
        t.start();
    }

    private static void copy(InputStream in, OutputStream out) throws IOException {
        byte[] buffer = new byte[8192];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            out.write(buffer, 0, n);
            out.flush();
        }
    }

    private void frames(InputStream in, OutputStream out) throws IOException, InterruptedException {
        DataInputStream data = new DataInputStream(in);
        while (true) {
            int length = data.readInt();
            byte[] frame = new byte[4 + length];
            frame[0] = (byte) (length >>> 24);
            frame[1] = (byte) (length >>> 16);
            frame[2] = (byte) (length >>> 8);
            frame[3] = (byte) length;
            data.readFully(frame, 4, length);
            int hold = delayMillis.get();
            if (hold > 0 && contains(frame, SEND_RESPONSE_KEY)) {
                if (once.get()) {
                    delayMillis.set(0);
                }
                Thread.sleep(hold);
                delayed.incrementAndGet();
            }
            out.write(frame);
            out.flush();
        }
    }

    private static boolean contains(byte[] frame, byte[] key) {
        int headerLength = ((frame[5] & 0xFF) << 16) | ((frame[6] & 0xFF) << 8) | (frame[7] & 0xFF);
        String header = new String(frame, 8, Math.min(headerLength, frame.length - 8), StandardCharsets.ISO_8859_1);
        return header.contains(new String(key, StandardCharsets.ISO_8859_1));
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        sockets.forEach(SendResponseDelay::closeQuietly);
    }
}
