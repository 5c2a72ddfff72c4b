package io.github.seastreamer.spring.retry;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.seastreamer.Message;
import io.github.seastreamer.MessageHeader;
import io.github.seastreamer.spring.test.StreamTester;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * On a real {@code redis-server}: a dead-letter entry keeps the payload in {@code msg}
 * and carries the error and origin as extra fields, which our consumers deliver as the
 * message's attributes (a Rust reader ignores them).
 */
@SpringBootTest(classes = DeadLetterTestApp.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = { "seastreamer.retry.initial-interval=10ms", "seastreamer.retry.max-interval=20ms",
				"seastreamer.retry.max-attempts=2", "seastreamer.consumer.commit-interval=50ms" })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class RedisDeadLetterAttributesIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(15);

	private static final Process server;

	private static final int port;

	static {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			port = socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException("no free port", ex);
		}
		try {
			new File("target").mkdirs();
			server = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
					"--save", "", "--appendonly", "no")
				.redirectErrorStream(true)
				.redirectOutput(new File("target/redis-dlq-" + port + ".log"))
				.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot run redis-server", ex);
		}
		// stopped when the JVM exits: the context (closed after the class) still talks to
		// it
		Runtime.getRuntime().addShutdownHook(new Thread(server::destroyForcibly));
		// in the class initializer: a polling thread would wait for this class to
		// initialize
		await().atMost(Duration.ofSeconds(10)).pollInSameThread().pollInterval(Duration.ofMillis(20)).until(() -> {
			try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
				return socket.isConnected();
			}
			catch (IOException notYet) {
				return false;
			}
		});
	}

	@Autowired
	private BeanFactory beanFactory;

	@Autowired
	private DeadLetterTestApp.Handlers handlers;

	@DynamicPropertySource
	static void uri(DynamicPropertyRegistry registry) {
		registry.add("seastreamer.uri", () -> "redis://127.0.0.1:" + port);
	}

	@Test
	void deadLetterEntryCarriesTheErrorAndOriginBesideThePayload() throws Exception {
		StreamTester tester = StreamTester.from(this.beanFactory);
		tester.send(DeadLetterTestApp.STREAM, "a");
		MessageHeader poison = tester.send(DeadLetterTestApp.STREAM, DeadLetterTestApp.POISON);
		tester.send(DeadLetterTestApp.STREAM, "b");
		await().atMost(WAIT).untilAsserted(() -> assertThat(this.handlers.processed).containsExactly("a", "b"));
		RedisClient client = RedisClient.create("redis://127.0.0.1:" + port);
		try (StatefulRedisConnection<String, String> connection = client.connect()) {
			List<StreamMessage<String, String>> entries = await().atMost(WAIT)
				.until(() -> connection.sync().xrange(DeadLetterTestApp.DEAD_LETTER_STREAM, Range.create("-", "+")),
						(list) -> !list.isEmpty());
			assertThat(entries).hasSize(1);
			Map<String, String> body = entries.get(0).getBody();
			assertThat(body.keySet()).containsExactly("msg", "seastreamer.error", "seastreamer.origin.stream",
					"seastreamer.origin.shard", "seastreamer.origin.sequence", "seastreamer.origin.timestamp",
					"seastreamer.listener");
			assertThat(body).containsEntry("msg", DeadLetterTestApp.POISON)
				.containsEntry("seastreamer.origin.stream", DeadLetterTestApp.STREAM)
				.containsEntry("seastreamer.origin.shard", "0")
				.containsEntry("seastreamer.origin.sequence", Long.toString(poison.sequence()))
				.containsEntry("seastreamer.origin.timestamp",
						io.github.seastreamer.Timestamps.format(poison.timestamp()))
				.containsEntry("seastreamer.listener", DeadLetterTestApp.LISTENER);
			assertThat(body.get("seastreamer.error")).startsWith("java.lang.IllegalArgumentException")
				.contains("always fails on poison")
				.doesNotContain(DeadLetterTestApp.SECRET);
			// committed once dead-lettered: nothing of the group stays pending
			await().atMost(WAIT)
				.untilAsserted(() -> assertThat(
						connection.sync().xpending(DeadLetterTestApp.STREAM, "dlq-attributes").getCount())
					.isZero());
		}
		finally {
			client.shutdown();
		}
		List<Message> dead = tester.read(DeadLetterTestApp.DEAD_LETTER_STREAM, 1, WAIT);
		assertThat(dead.get(0).payloadAsString()).isEqualTo(DeadLetterTestApp.POISON);
	}

}
