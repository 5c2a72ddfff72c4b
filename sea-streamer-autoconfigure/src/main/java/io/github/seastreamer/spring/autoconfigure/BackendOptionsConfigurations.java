package io.github.seastreamer.spring.autoconfigure;

import java.util.Locale;

import io.github.seastreamer.ConfigurationException;
import io.github.seastreamer.file.FileConnectOptions;
import io.github.seastreamer.file.FileConsumerOptions;
import io.github.seastreamer.kafka.KafkaConnectOptions;
import io.github.seastreamer.kafka.KafkaConsumerOptions;
import io.github.seastreamer.kafka.KafkaProducerOptions;
import io.github.seastreamer.redis.AutoCommit;
import io.github.seastreamer.redis.RedisConnectOptions;
import io.github.seastreamer.redis.RedisConsumerOptions;
import io.github.seastreamer.redis.RedisProducerOptions;
import io.github.seastreamer.spring.core.ConnectOptionsCustomizer;
import io.github.seastreamer.spring.core.ConsumerOptionsCustomizer;
import io.github.seastreamer.spring.core.ProducerOptionsCustomizer;

import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Maps {@code seastreamer.file.*}, {@code seastreamer.redis.*} and
 * {@code seastreamer.kafka.*} to the backends' typed options; each section applies only
 * when its backend is on the class path. These customizers run first, so application
 * customizers can replace what they set. Backend options travel with the generic options
 * and are ignored by other backends, so they are added whatever the URI.
 */
final class BackendOptionsConfigurations {

	private BackendOptionsConfigurations() {
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "io.github.seastreamer.file.FileConnectOptions")
	static class File {

		@Bean
		@Order(Ordered.HIGHEST_PRECEDENCE)
		ConnectOptionsCustomizer seaStreamerFileConnectOptions(SeaStreamerProperties properties) {
			SeaStreamerProperties.File file = properties.getFile();
			return (name, uri, options) -> {
				FileConnectOptions.Builder builder = FileConnectOptions.builder()
					.createFile(FileConnectOptions.CreateFile.valueOf(file.getCreateFile().name()))
					.endWithEos(file.isEndWithEos());
				if (file.getBeaconInterval() != null) {
					builder.beaconInterval(file.getBeaconInterval());
				}
				if (file.getFileSizeLimit() != null) {
					builder.fileSizeLimit(file.getFileSizeLimit().toBytes());
				}
				if (file.getPrefetchMessages() != null) {
					builder.prefetchMessages(file.getPrefetchMessages());
				}
				options.with(builder.build());
			};
		}

		@Bean
		@Order(Ordered.HIGHEST_PRECEDENCE)
		ConsumerOptionsCustomizer seaStreamerFileConsumerOptions(SeaStreamerProperties properties) {
			Boolean live = properties.getFile().getLiveStreaming();
			return (listener, streamer, options) -> {
				if (live != null) {
					options.with(FileConsumerOptions.builder().liveStreaming(live).build());
				}
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "io.github.seastreamer.redis.RedisConnectOptions")
	static class Redis {

		@Bean
		@Order(Ordered.HIGHEST_PRECEDENCE)
		ConnectOptionsCustomizer seaStreamerRedisConnectOptions(SeaStreamerProperties properties) {
			// only when a property is set: options from Boot's connection details stay
			// otherwise
			SeaStreamerProperties.Redis redis = properties.getRedis();
			return (name, uri, options) -> {
				RedisConnectOptions.Builder builder = RedisConnectOptions.builder();
				boolean any = false;
				if (redis.getUsername() != null) {
					builder.username(redis.getUsername());
					any = true;
				}
				if (redis.getPassword() != null) {
					builder.password(redis.getPassword());
					any = true;
				}
				if (redis.getDatabase() != null) {
					builder.database(redis.getDatabase());
					any = true;
				}
				if (redis.getEnableCluster() != null) {
					builder.enableCluster(redis.getEnableCluster());
					any = true;
				}
				if (redis.getMessageField() != null) {
					builder.messageField(redis.getMessageField());
					any = true;
				}
				if (any) {
					options.with(builder.build());
				}
			};
		}

		@Bean
		@Order(Ordered.HIGHEST_PRECEDENCE)
		ConsumerOptionsCustomizer seaStreamerRedisConsumerOptions(SeaStreamerProperties properties) {
			SeaStreamerProperties.Redis redis = properties.getRedis();
			return (listener, streamer, options) -> {
				RedisConsumerOptions.Builder builder = RedisConsumerOptions.builder()
					.autoCommit(AutoCommit.valueOf(redis.getAutoCommit().name()))
					.mkstream(redis.isMkstream());
				if (redis.getBatchSize() != null) {
					builder.batchSize(redis.getBatchSize());
				}
				if (redis.getAutoClaimInterval() != null) {
					builder.autoClaimInterval(redis.getAutoClaimInterval());
				}
				if (redis.getAutoClaimIdle() != null) {
					builder.autoClaimIdle(redis.getAutoClaimIdle());
				}
				options.with(builder.build());
			};
		}

		@Bean
		@Order(Ordered.HIGHEST_PRECEDENCE)
		ProducerOptionsCustomizer seaStreamerRedisProducerOptions(SeaStreamerProperties properties) {
			Integer maxBatchSize = properties.getRedis().getMaxBatchSize();
			return (streamer, options) -> {
				if (maxBatchSize != null) {
					options.with(RedisProducerOptions.builder().maxBatchSize(maxBatchSize).build());
				}
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "io.github.seastreamer.kafka.KafkaConnectOptions")
	static class Kafka {

		@Bean
		@Order(Ordered.HIGHEST_PRECEDENCE)
		ConnectOptionsCustomizer seaStreamerKafkaConnectOptions(SeaStreamerProperties properties) {
			SeaStreamerProperties.Kafka kafka = properties.getKafka();
			return (name, uri, options) -> {
				KafkaConnectOptions.Builder builder = KafkaConnectOptions.builder();
				kafka.getProperties().forEach(builder::clientProperty);
				if (kafka.getSecurityProtocol() != null) {
					builder.securityProtocol(constant(KafkaConnectOptions.SecurityProtocol.class,
							kafka.getSecurityProtocol(), "seastreamer.kafka.security-protocol"));
				}
				if (kafka.getSaslMechanism() != null) {
					builder.sasl(
							constant(KafkaConnectOptions.SaslMechanism.class, kafka.getSaslMechanism(),
									"seastreamer.kafka.sasl-mechanism"),
							nonNull(kafka.getSaslUsername(), "seastreamer.kafka.sasl-username"),
							nonNull(kafka.getSaslPassword(), "seastreamer.kafka.sasl-password"));
				}
				if (kafka.getAutoCreateTopicPartitions() != null) {
					builder.autoCreateTopics(kafka.getAutoCreateTopicPartitions(),
							kafka.getAutoCreateTopicReplicationFactor());
				}
				options.with(builder.build());
			};
		}

		@Bean
		@Order(Ordered.HIGHEST_PRECEDENCE)
		ConsumerOptionsCustomizer seaStreamerKafkaConsumerOptions(SeaStreamerProperties properties) {
			SeaStreamerProperties.Kafka kafka = properties.getKafka();
			return (listener, streamer, options) -> {
				KafkaConsumerOptions.Builder builder = KafkaConsumerOptions.builder();
				kafka.getConsumerProperties().forEach(builder::clientProperty);
				if (kafka.getSessionTimeout() != null) {
					builder.sessionTimeout(kafka.getSessionTimeout());
				}
				if (kafka.getCommitInterval() != null) {
					builder.commitInterval(kafka.getCommitInterval());
				}
				options.with(builder.build());
			};
		}

		@Bean
		@Order(Ordered.HIGHEST_PRECEDENCE)
		ProducerOptionsCustomizer seaStreamerKafkaProducerOptions(SeaStreamerProperties properties) {
			SeaStreamerProperties.Kafka kafka = properties.getKafka();
			return (streamer, options) -> {
				KafkaProducerOptions.Builder builder = KafkaProducerOptions.builder();
				kafka.getProducerProperties().forEach(builder::clientProperty);
				if (kafka.getCompressionType() != null) {
					builder.compressionType(constant(KafkaProducerOptions.CompressionType.class,
							kafka.getCompressionType(), "seastreamer.kafka.compression-type"));
				}
				options.with(builder.build());
			};
		}

	}

	static <E extends Enum<E>> E constant(Class<E> type, String value, String property) {
		String name = value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
		for (E constant : type.getEnumConstants()) {
			if (constant.name().equals(name)) {
				return constant;
			}
		}
		throw new ConfigurationException(property + " \"" + value + "\" is not one of "
				+ java.util.Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT).replace('_', '-'));
	}

	static String nonNull(@org.jspecify.annotations.Nullable String value, String property) {
		if (value == null) {
			throw new ConfigurationException(property + " must be set when seastreamer.kafka.sasl-mechanism is");
		}
		return value;
	}

}
