package io.github.seastreamer.redis;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.github.seastreamer.ConfigurationException;
import io.github.seastreamer.ConnectOptions;
import io.github.seastreamer.ConsumerMode;
import io.github.seastreamer.StreamerUri;
import io.lettuce.core.RedisURI;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RedisOptionsTests {

	@Test
	void consumerDefaultsFollowTheSpec() {
		RedisConsumerOptions options = RedisConsumerOptions.defaults();
		assertThat(options.autoCommit()).isEqualTo(AutoCommit.DELAYED);
		assertThat(options.autoCommitDelay()).isEqualTo(Duration.ofSeconds(5));
		assertThat(options.autoCommitInterval()).isEqualTo(Duration.ofSeconds(1));
		assertThat(options.autoClaimInterval()).contains(Duration.ofSeconds(30));
		assertThat(options.autoClaimIdle()).isEqualTo(Duration.ofSeconds(60));
		assertThat(options.batchSize(ConsumerMode.REAL_TIME)).isEqualTo(100);
		assertThat(options.batchSize(ConsumerMode.LOAD_BALANCED)).isEqualTo(10);
		assertThat(options.mkstream()).isFalse();
		assertThat(options.heartbeat()).isEqualTo(Duration.ofSeconds(10));
	}

	@Test
	void invalidConsumerOptionsAreRejectedByName() {
		assertThatExceptionOfType(ConfigurationException.class)
			.isThrownBy(() -> RedisConsumerOptions.builder().batchSize(0))
			.withMessageContaining("batchSize");
		assertThatExceptionOfType(ConfigurationException.class)
			.isThrownBy(() -> RedisConsumerOptions.builder().autoClaimIdle(Duration.ZERO))
			.withMessageContaining("autoClaimIdle");
		assertThatExceptionOfType(ConfigurationException.class)
			.isThrownBy(() -> RedisConnectOptions.builder().messageField(""))
			.withMessageContaining("message field");
	}

	@Test
	void connectOptionsNeverShowThePassword() {
		RedisConnectOptions options = RedisConnectOptions.builder().username("app").password("hunter2").build();
		assertThat(options.toString()).doesNotContain("hunter2").contains("app");
	}

	@SuppressWarnings("deprecation")
	@Test
	void credentialsComeFromUserInfoUnlessOptionsSetThem() {
		StreamerUri uri = StreamerUri.parse("redis://alice:s%40cret@example.org:7000");
		RedisURI fromUri = RedisStreamer.toRedisUri(uri.firstNode(), RedisConnectOptions.defaults(),
				Duration.ofSeconds(1));
		assertThat(fromUri.getUsername()).isEqualTo("alice");
		assertThat(new String(fromUri.getPassword())).isEqualTo("s@cret");
		assertThat(fromUri.getPort()).isEqualTo(7000);
		RedisURI fromOptions = RedisStreamer.toRedisUri(uri.firstNode(),
				RedisConnectOptions.builder().password("other").database(3).build(), Duration.ofSeconds(1));
		assertThat(new String(fromOptions.getPassword())).isEqualTo("other");
		assertThat(fromOptions.getDatabase()).isEqualTo(3);
	}

	@Test
	void tlsSchemeEnablesSslAndDefaultPortIs6379() {
		RedisURI uri = RedisStreamer.toRedisUri(StreamerUri.parse("rediss://example.org").firstNode(),
				RedisConnectOptions.defaults(), Duration.ofSeconds(1));
		assertThat(uri.isSsl()).isTrue();
		assertThat(uri.getPort()).isEqualTo(6379);
	}

	@Test
	void severalNodesWithoutTheClusterOptionAreRejected() {
		assertThatExceptionOfType(ConfigurationException.class)
			.isThrownBy(() -> RedisStreamer.connect(StreamerUri.parse("redis://a:1,b:2"), ConnectOptions.defaults()))
			.withMessageContaining("please enable the cluster option");
	}

}
