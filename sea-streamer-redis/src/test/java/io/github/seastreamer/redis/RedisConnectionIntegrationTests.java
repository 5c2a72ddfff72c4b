package io.github.seastreamer.redis;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.RedisPassword;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import io.github.seastreamer.ConnectOptions;
import io.github.seastreamer.Consumer;
import io.github.seastreamer.ConsumerOptions;
import io.github.seastreamer.Producer;
import io.github.seastreamer.SeaStreamer;
import io.github.seastreamer.SeaStreamerException;
import io.github.seastreamer.StreamKey;
import io.github.seastreamer.StreamReset;
import io.github.seastreamer.Streamer;
import io.github.seastreamer.StreamerUri;

import static io.github.seastreamer.redis.RedisTestSupport.await;
import static io.github.seastreamer.redis.RedisTestSupport.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Connections: credentials from the URI and from options (masked everywhere), database
 * selection, several nodes, an existing Lettuce client and a Spring connection factory.
 */
class RedisConnectionIntegrationTests {

	private static final String PASSWORD = "s3cr3t-Pa55";

	@RegisterExtension
	static final RedisServerExtension redis = RedisServerExtension.create("--requirepass", PASSWORD);

	private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

	private final RedisTestSupport support = new RedisTestSupport(redis, PASSWORD);

	@BeforeEach
	void captureLogs() {
		this.logs.start();
		((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(this.logs);
	}

	@AfterEach
	void close() {
		((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(this.logs);
		this.support.close();
	}

	private String uri(String userInfo) {
		return "redis://" + userInfo + "@127.0.0.1:" + redis.port();
	}

	private void roundTrip(Streamer streamer) throws Exception {
		StreamKey key = key("conn");
		Consumer consumer = this.support
			.track(streamer.createConsumer(key, ConsumerOptions.builder().streamReset(StreamReset.EARLIEST).build()));
		Producer producer = streamer.createProducer(key);
		await(producer.send("over the wire"));
		assertThat(await(consumer.next()).payloadAsString()).isEqualTo("over the wire");
		assertThat(consumer.toString()).doesNotContain(PASSWORD);
		assertThat(producer.toString()).doesNotContain(PASSWORD);
	}

	@Test
	void passwordFromUserInfoConnectsAndIsNeverShown() throws Exception {
		Streamer streamer = this.support.track(SeaStreamer.connect(uri(":" + PASSWORD)));
		roundTrip(streamer);
		assertThat(streamer.toString()).doesNotContain(PASSWORD);
		assertThat(streamer.uri().toString()).doesNotContain(PASSWORD);
		assertThat(streamer.uri().toMaskedUriString()).doesNotContain(PASSWORD);
		assertNoLogShows(PASSWORD);
	}

	@Test
	void wrongPasswordFailsWithAnErrorThatDoesNotShowIt() {
		String wrong = "wr0ng-Secret";
		assertThatExceptionOfType(SeaStreamerException.class)
			.isThrownBy(() -> SeaStreamer.connect(uri("default:" + wrong),
					ConnectOptions.builder().timeout(Duration.ofSeconds(5)).build()))
			.satisfies((ex) -> {
				for (Throwable t = ex; t != null; t = t.getCause()) {
					assertThat(String.valueOf(t.getMessage())).doesNotContain(wrong);
					assertThat(t.toString()).doesNotContain(wrong);
				}
				assertThat(ex.getMessage()).contains("127.0.0.1");
			});
		assertNoLogShows(wrong);
	}

	@Test
	void userAndPasswordFromOptionsAndAnAclUser() throws Exception {
		this.support.raw()
			.aclSetuser("alice",
					io.lettuce.core.AclSetuserArgs.Builder.on().addPassword("alice-pw").allKeys().allCommands());
		Streamer fromUri = this.support.track(SeaStreamer.connect(uri("alice:alice-pw")));
		roundTrip(fromUri);
		Streamer fromOptions = this.support.track(SeaStreamer.connect("redis://127.0.0.1:" + redis.port(),
				ConnectOptions.builder()
					.with(RedisConnectOptions.builder().username("alice").password("alice-pw").build())
					.build()));
		roundTrip(fromOptions);
		assertNoLogShows("alice-pw");
	}

	@Test
	void databaseFromOptionsIsSelectedOnEveryConnection() throws Exception {
		Streamer streamer = this.support.track(SeaStreamer.connect("redis://127.0.0.1:" + redis.port(),
				ConnectOptions.builder()
					.with(RedisConnectOptions.builder().password(PASSWORD).database(3).build())
					.build()));
		StreamKey key = key("db");
		await(streamer.createProducer(key).send("in three"));
		this.support.raw().select(3);
		assertThat(this.support.raw().xlen(key.name())).isEqualTo(1);
		this.support.raw().select(0);
		assertThat(this.support.raw().exists(key.name())).isZero();
	}

	@Test
	void severalNodesWithTheClusterOptionUseTheFirstThatAnswers() throws Exception {
		int dead;
		try (ServerSocket socket = new ServerSocket()) {
			socket.bind(new InetSocketAddress("127.0.0.1", 0));
			dead = socket.getLocalPort();
		}
		StreamerUri uri = StreamerUri
			.parse("redis://:" + PASSWORD + "@127.0.0.1:" + dead + ",:" + PASSWORD + "@127.0.0.1:" + redis.port());
		Streamer streamer = this.support.track(SeaStreamer.connect(uri,
				ConnectOptions.builder()
					.timeout(Duration.ofSeconds(2))
					.with(RedisConnectOptions.builder().enableCluster(true).build())
					.build()));
		roundTrip(streamer);
		assertNoLogShows(PASSWORD);
	}

	@Test
	void streamerOnAnExistingLettuceClientLeavesTheClientOpen() throws Exception {
		RedisURI redisUri = RedisURI.builder()
			.withHost("127.0.0.1")
			.withPort(redis.port())
			.withPassword(PASSWORD.toCharArray())
			.build();
		RedisClient client = RedisClient.create();
		try {
			RedisStreamer streamer = RedisStreamer.create(client, redisUri, ConnectOptions.defaults());
			roundTrip(streamer);
			await(streamer.disconnect());
			try (var connection = client.connect(redisUri)) {
				assertThat(connection.sync().ping()).isEqualTo("PONG");
			}
		}
		finally {
			client.shutdown();
		}
	}

	@Test
	void streamerFromASpringConnectionFactoryUsesItsSettings() throws Exception {
		RedisStandaloneConfiguration configuration = new RedisStandaloneConfiguration("127.0.0.1", redis.port());
		configuration.setPassword(RedisPassword.of(PASSWORD));
		configuration.setDatabase(2);
		LettuceConnectionFactory factory = new LettuceConnectionFactory(configuration);
		factory.afterPropertiesSet();
		factory.start();
		try {
			RedisStreamer streamer = this.support
				.track(RedisStreamer.fromConnectionFactory(factory, ConnectOptions.defaults()));
			StreamKey key = key("spring");
			await(streamer.createProducer(key).send("via spring"));
			this.support.raw().select(2);
			assertThat(this.support.raw().xlen(key.name())).isEqualTo(1);
			assertThat(streamer.toString()).doesNotContain(PASSWORD);
		}
		finally {
			factory.destroy();
		}
	}

	private void assertNoLogShows(String secret) {
		List<String> lines = this.logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
		assertThat(lines).noneMatch((line) -> line.contains(secret));
	}

}
