package io.github.seastreamer.redis;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a real {@code redis-server} on a free 127.0.0.1 port for one test class
 * ({@code @RegisterExtension static}); can stop and restart it on the same port.
 */
final class RedisServerExtension implements BeforeAllCallback, AfterAllCallback {

	private static final String SERVER = "redis-server";

	private final List<String> extraArgs;

	private final boolean persistent;

	private Process process;

	private int port;

	private Path dir;

	private RedisServerExtension(boolean persistent, List<String> extraArgs) {
		this.persistent = persistent;
		this.extraArgs = extraArgs;
	}

	/** A server without persistence. */
	static RedisServerExtension create(String... extraArgs) {
		return new RedisServerExtension(false, List.of(extraArgs));
	}

	/**
	 * A server with an append-only file fsynced on every write, so that a restart keeps
	 * the data.
	 */
	static RedisServerExtension persistent() {
		return new RedisServerExtension(true, List.of());
	}

	int port() {
		return this.port;
	}

	String uri() {
		return "redis://127.0.0.1:" + this.port;
	}

	@Override
	public void beforeAll(ExtensionContext context) throws Exception {
		this.dir = Files.createTempDirectory("redis-test-");
		this.port = freePort();
		try {
			start();
		}
		catch (IllegalStateException ex) {
			// the free port may have been taken meanwhile: once more on another one
			this.port = freePort();
			start();
		}
	}

	@Override
	public void afterAll(ExtensionContext context) throws Exception {
		stop();
	}

	void start() throws IOException, InterruptedException {
		String server = findServer();
		List<String> command = new ArrayList<>(List.of(server, "--port", String.valueOf(this.port), "--bind",
				"127.0.0.1", "--dir", this.dir.toString()));
		if (this.persistent) {
			command.addAll(List.of("--save", "", "--appendonly", "yes", "--appendfsync", "always"));
		}
		else {
			command.addAll(List.of("--save", "", "--appendonly", "no"));
		}
		command.addAll(this.extraArgs);
		File log = this.dir.resolve("redis-" + this.port + ".log").toFile();
		this.process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log))
			.start();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException("redis-server exited with " + this.process.exitValue() + ": "
						+ Files.readString(log.toPath(), StandardCharsets.UTF_8));
			}
			if (ping()) {
				return;
			}
			this.process.waitFor(20, TimeUnit.MILLISECONDS);
		}
		this.process.destroyForcibly();
		throw new IllegalStateException("redis-server did not answer PING on port " + this.port + " within 10 s");
	}

	/** Stop the server (SIGTERM: with the append-only file, what was written is kept). */
	void stop() throws InterruptedException {
		if (this.process != null && this.process.isAlive()) {
			this.process.destroy();
			if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
			}
		}
	}

	/** Stop and start again on the same port. */
	void restart() throws IOException, InterruptedException {
		stop();
		start();
	}

	private boolean ping() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", this.port), 200);
			socket.setSoTimeout(500);
			OutputStream out = socket.getOutputStream();
			out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			byte[] reply = new byte[7];
			int read = in.read(reply);
			// +PONG, or -NOAUTH when the server requires a password: either way it is up
			return read > 0 && (reply[0] == '+' || reply[0] == '-');
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static String findServer() {
		for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
			File candidate = new File(dir, SERVER);
			if (candidate.canExecute()) {
				return candidate.getPath();
			}
		}
		File usual = new File("/usr/bin/" + SERVER);
		if (usual.canExecute()) {
			return usual.getPath();
		}
		throw new IllegalStateException(
				"redis-server is not installed: the Redis integration tests need it (apt-get install -y redis-server)");
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket()) {
			socket.setReuseAddress(true);
			socket.bind(new InetSocketAddress("127.0.0.1", 0));
			return socket.getLocalPort();
		}
	}

}
