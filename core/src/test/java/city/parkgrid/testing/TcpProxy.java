package city.parkgrid.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loopback TCP proxy to a shared service, so that a test can take the service away from one
 * node under test, and give it back, without stopping it for everyone else. {@link #cut()} closes
 * every connection through it and refuses new ones (the port is closed: connection refused);
 * {@link #restore()} listens on the same port again. {@link #stall()} is the nastier outage: the
 * port keeps accepting connections, but nothing is forwarded any more either way (a partition
 * without resets), so a client waits until its own timeouts give up. Thread-safe.
 */
public final class TcpProxy implements AutoCloseable {

    private final String targetHost;
    private final int targetPort;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket server;
    private volatile boolean stalled;
    private volatile int port;

    public TcpProxy(String targetHost, int targetPort) {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        listen(0);
    }

    /** The local port on 127.0.0.1 that leads to the target. */
    public int port() {
        return port;
    }

    /** Closes every connection through the proxy and refuses new ones until {@link #restore()}. */
    public synchronized void cut() {
        closeQuietly(server);
        server = null;
        open.forEach(TcpProxy::closeQuietly);
        open.clear();
    }

    /**
     * Keeps accepting connections but forwards nothing more, either way, on new connections or
     * open ones, until {@link #restore()}.
     */
    public synchronized void stall() {
        stalled = true;
    }

    /**
     * Accepts connections again, on the same port; after a {@link #stall()} the connections it
     * held are closed (what they sent meanwhile is lost), as a partition's end would reset them.
     */
    public synchronized void restore() {
        if (stalled) {
            stalled = false;
            open.forEach(TcpProxy::closeQuietly);
            open.clear();
        }
        if (server == null) {
            listen(port);
        }
    }

    private synchronized void listen(int on) {
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), on));
            server = socket;
            port = socket.getLocalPort();
            Thread acceptor = new Thread(() -> accept(socket), "tcp-proxy-accept-" + port);
            acceptor.setDaemon(true);
            acceptor.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on 127.0.0.1:" + on, e);
        }
    }

    private void accept(ServerSocket socket) {
        while (!socket.isClosed()) {
            Socket client;
            try {
                client = socket.accept();
            } catch (IOException closed) {
                return;
            }
            if (stalled) {
                open.add(client); // accepted, and never answered
                continue;
            }
            try {
                Socket upstream = new Socket(targetHost, targetPort);
                open.add(client);
                open.add(upstream);
                if (server != socket) { // cut while connecting
                    closeQuietly(client);
                    closeQuietly(upstream);
                    continue;
                }
                pump(client, upstream);
                pump(upstream, client);
            } catch (IOException e) {
                closeQuietly(client);
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread thread = new Thread(
                () -> {
                    byte[] buffer = new byte[16 * 1024];
                    try (InputStream in = from.getInputStream();
                            OutputStream out = to.getOutputStream()) {
                        for (int n; (n = in.read(buffer)) >= 0; ) {
                            if (!stalled) {
                                out.write(buffer, 0, n);
                                out.flush();
                            }
                        }
                    } catch (IOException closed) {
                        // one side went away (or the proxy was cut): so does the other
                    } finally {
                        closeQuietly(from);
                        closeQuietly(to);
                        open.remove(from);
                        open.remove(to);
                    }
                },
                "tcp-proxy-pump-" + port);
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            // closing is all that is wanted
        }
    }

    @Override
    public void close() {
        cut();
    }
}
