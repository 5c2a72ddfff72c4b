package io.github.seastreamer.spring.autoconfigure;

import io.github.seastreamer.spring.core.HostlessUriResolver;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Resolvers for host-less {@code redis://} and {@code kafka://} URIs from Spring Boot's
 * own connection details; each applies only when Boot's module is on the class path.
 */
final class SeaStreamerConnectionDetailsConfigurations {

	private SeaStreamerConnectionDetailsConfigurations() {
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails")
	static class DataRedis {

		@Bean
		HostlessUriResolver seaStreamerDataRedisUriResolver(
				ObjectProvider<org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails> details) {
			return new DataRedisUriResolver(details);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails")
	static class Kafka {

		@Bean
		HostlessUriResolver seaStreamerKafkaUriResolver(
				ObjectProvider<org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails> details) {
			return new KafkaUriResolver(details);
		}

	}

}
