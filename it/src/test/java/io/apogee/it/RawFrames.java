package io.apogee.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Hand-made remoting frames for tests that must bypass the client: {@code [length][header word][JSON header]}
 * (see docs/protocol/01-framing.md), plus reading one response header back and detecting that the peer closed the
 * connection. Stateless, so thread-safe.
 */
final class RawFrames {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RawFrames() {
    }

    /** A JSON-serialized request frame with code {@code code}, no ext fields and no body. */
    static byte[] jsonRequest(int code, int opaque) {
        byte[] header = ("{\"code\":" + code + ",\"flag\":0,\"language\":\"JAVA\",\"opaque\":" + opaque
                + ",\"serializeTypeCurrentRPC\":\"JSON\",\"version\":493}").getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(8 + header.length)
                .putInt(4 + header.length)
                .putInt(header.length)
                .put(header)
                .array();
    }

    /** Reads one frame and returns its JSON header; the body is skipped. */
    static JsonNode readHeader(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        int length = data.readInt();
        int headerWord = data.readInt();
        if ((headerWord >>> 24) != 0) {
            throw new AssertionError("expected a JSON header, serialization type is " + (headerWord >>> 24));
        }
        byte[] header = new byte[headerWord & 0xFFFFFF];
        data.readFully(header);
        data.skipNBytes(length - 4 - header.length);
        return JSON.readTree(header);
    }

    /**
     * True if the peer closes the connection within {@code timeoutMillis}: end of stream or a reset. Anything the
     * peer writes before closing is discarded. False if the connection is still open when the time is up.
     */
    static boolean closedByPeer(Socket socket, int timeoutMillis) throws IOException {
        socket.setSoTimeout(timeoutMillis);
        byte[] sink = new byte[4096];
        try {
            while (true) {
                if (socket.getInputStream().read(sink) < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException e) {
            return true;
        }
    }
}
