package io.github.seastreamer.sample;

import java.io.IOException;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample with {@code --spring.profiles.active=redis} on a real {@code redis-server}
 * started by the test: only the port is overridden ({@code redis.port}), the URI is the
 * profile's own.
 */
@ActiveProfiles("redis")
class RedisProfileIntegrationTests extends AbstractSampleApplicationTests {

	static RedisServer redis;

	@Value("${seastreamer.uri}")
	String uri;

	@BeforeAll
	static void startRedis() throws IOException {
		redis = RedisServer.start();
		// stopped when the JVM exits: the application context (closed by Spring after
		// this
		// class) must still reach the server while it stops its listeners and producers
		Runtime.getRuntime().addShutdownHook(new Thread(redis::close, "redis-server-stop"));
	}

	@DynamicPropertySource
	static void redisPort(DynamicPropertyRegistry registry) {
		registry.add("redis.port", () -> redis.port());
	}

	@Test
	void profileUriPointsAtTheLocalRedisServer() {
		assertThat(this.uri).isEqualTo("redis://127.0.0.1:" + redis.port());
		assertThat(http().json("/candles").path("backend").asString()).isEqualTo(this.uri);
	}

}
