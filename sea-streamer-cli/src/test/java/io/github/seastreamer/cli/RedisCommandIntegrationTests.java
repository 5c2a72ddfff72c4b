package io.github.seastreamer.cli;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.seastreamer.Timestamps;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Redis acceptance of the CLI against a real {@code redis-server} on a free 127.0.0.1
 * port: entries written with raw {@code XADD} are printed by {@code consume} with the
 * right sequence and timestamp, {@code clock} writes one field {@code msg} per entry, and
 * {@code trim} deletes what it says.
 */
class RedisCommandIntegrationTests {

	@TempDir
	static Path serverDir;

	private static Process server;

	private static int port;

	private static RedisClient client;

	private static StatefulRedisConnection<String, String> connection;

	@BeforeAll
	static void startServer() throws Exception {
		File binary = new File("/usr/bin/redis-server");
		assertThat(binary.canExecute())
			.as("redis-server is not installed: the Redis CLI tests need it (apt-get install -y redis-server)")
			.isTrue();
		try (ServerSocket socket = new ServerSocket()) {
			socket.bind(new InetSocketAddress("127.0.0.1", 0));
			port = socket.getLocalPort();
		}
		server = new ProcessBuilder(binary.getPath(), "--port", String.valueOf(port), "--bind", "127.0.0.1", "--save",
				"", "--appendonly", "no", "--dir", serverDir.toString())
			.redirectErrorStream(true)
			.redirectOutput(serverDir.resolve("redis.log").toFile())
			.start();
		client = RedisClient.create("redis://127.0.0.1:" + port);
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (connection == null) {
			try {
				connection = client.connect();
			}
			catch (RuntimeException ex) {
				assertThat(System.nanoTime()).as("redis-server answers within 10 s").isLessThan(deadline);
				assertThat(server.isAlive()).as("redis-server is running").isTrue();
				server.waitFor(50, TimeUnit.MILLISECONDS);
			}
		}
	}

	@AfterAll
	static void stopServer() throws IOException, InterruptedException {
		if (connection != null) {
			connection.close();
		}
		if (client != null) {
			client.shutdown();
		}
		if (server != null) {
			server.destroy();
			if (!server.waitFor(10, TimeUnit.SECONDS)) {
				server.destroyForcibly();
			}
		}
	}

	private static RedisCommands<String, String> redis() {
		return connection.sync();
	}

	private static String url(String key) {
		return "redis://127.0.0.1:" + port + "/" + key;
	}

	@Test
	void entryWrittenWithRawXaddIsPrintedWithItsSequenceAndTimestamp(@TempDir Path dir) throws Exception {
		String id = redis().xadd("k", "msg", "hello");
		long ms = Long.parseLong(id.substring(0, id.indexOf('-')));
		long n = Long.parseLong(id.substring(id.indexOf('-') + 1));
		Cli.Result result = Cli.run(dir, new byte[0], "consume", "--stream", url("k"), "--offset", "start", "--count",
				"1");
		assertThat(result.code()).as(result.err()).isZero();
		assertThat(result.outLines()).containsExactly("[" + Timestamps.format(Instant.ofEpochMilli(ms)) + " | k | "
				+ Long.toUnsignedString((ms << 16) | n) + " | 0] hello");
	}

	@Test
	void clockWritesEntriesWithExactlyOneFieldMsgThatConsumeReadsBackInOrder(@TempDir Path dir) throws Exception {
		Cli.Result clock = Cli.run(dir, new byte[0], "clock", "--stream", url("clock"), "--interval", "0s", "--count",
				"100");
		assertThat(clock.code()).as(clock.err()).isZero();
		List<StreamMessage<String, String>> entries = redis().xrange("clock", Range.create("-", "+"));
		assertThat(entries).hasSize(100).allSatisfy((entry) -> assertThat(entry.getBody()).containsOnlyKeys("msg"));
		Cli.Result consume = Cli.run(dir, new byte[0], "consume", "--stream", url("clock"), "--offset", "start",
				"--count", "100", "--format", "payload");
		assertThat(consume.code()).as(consume.err()).isZero();
		assertThat(consume.outLines())
			.containsExactlyElementsOf(entries.stream().map((entry) -> entry.getBody().get("msg")).toList());
	}

	@Test
	void trimByLengthKeepsTheNewestEntries(@TempDir Path dir) throws Exception {
		for (int i = 0; i < 10; i++) {
			redis().xadd("trimmed", "msg", "m" + i);
		}
		Cli.Result result = Cli.run(dir, new byte[0], "trim", "--stream", url("trimmed"), "--maxlen", "3");
		assertThat(result.code()).as(result.err()).isZero();
		assertThat(result.outLines()).containsExactly("trimmed 7 entries of trimmed");
		assertThat(redis().xrange("trimmed", Range.create("-", "+"))).extracting((e) -> e.getBody().get("msg"))
			.containsExactly("m7", "m8", "m9");
	}

	@Test
	void trimByTimeDeletesOlderEntries(@TempDir Path dir) throws Exception {
		redis().xadd("aged", "msg", "old");
		String kept = redis().xadd("aged", new io.lettuce.core.XAddArgs().id("99999999999999-0"), "msg", "new");
		assertThat(kept).isEqualTo("99999999999999-0");
		Cli.Result result = Cli.run(dir, new byte[0], "trim", "--stream", url("aged"), "--min-time",
				Timestamps.format(Instant.ofEpochMilli(99999999999999L)));
		assertThat(result.code()).as(result.err()).isZero();
		assertThat(result.outLines()).containsExactly("trimmed 1 entries of aged");
		assertThat(redis().xlen("aged")).isEqualTo(1);
	}

	@Test
	void trimNeedsExactlyOneBoundAndARedisStream(@TempDir Path dir) throws Exception {
		Cli.Result none = Cli.run(dir, new byte[0], "trim", "--stream", url("x"));
		assertThat(none.code()).isEqualTo(SeaStreamerCommand.USAGE);
		assertThat(none.err()).contains("--maxlen").contains("--min-time");
		Cli.Result file = Cli.run(dir, new byte[0], "trim", "--stream", "file://" + dir.resolve("none.ss") + "/x",
				"--maxlen", "1");
		assertThat(file.code()).isNotZero();
		assertThat(file.err()).containsAnyOf("Redis streams only", "file");
	}

}
