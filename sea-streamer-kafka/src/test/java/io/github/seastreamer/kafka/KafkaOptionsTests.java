package io.github.seastreamer.kafka;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.github.seastreamer.ConfigurationException;
import io.github.seastreamer.ConnectOptions;
import io.github.seastreamer.ConsumerOptions;
import io.github.seastreamer.ErrorKind;
import io.github.seastreamer.SeaStreamerException;
import io.github.seastreamer.kafka.KafkaConnectOptions.SaslMechanism;
import io.github.seastreamer.kafka.KafkaConnectOptions.SecurityProtocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Typed Kafka options: the client properties they stand for, validation, masking.
 */
class KafkaOptionsTests {

	@Test
	void saslSslWithPlainCredentialsBecomesProtocolMechanismAndJaasConfig() {
		KafkaConnectOptions options = KafkaConnectOptions.builder()
			.securityProtocol(SecurityProtocol.SASL_SSL)
			.sasl(SaslMechanism.PLAIN, "uu", "pp")
			.build();
		Map<String, Object> properties = options.toClientProperties();
		assertThat(properties).containsEntry("security.protocol", "SASL_SSL")
			.containsEntry("sasl.mechanism", "PLAIN")
			.containsEntry("sasl.jaas.config",
					"org.apache.kafka.common.security.plain.PlainLoginModule required username=\"uu\" password=\"pp\";");
	}

	@Test
	void scramCredentialsAreEscapedInTheJaasConfig() {
		KafkaConnectOptions options = KafkaConnectOptions.builder()
			.sasl(SaslMechanism.SCRAM_SHA_512, "a\"b", "c\\d")
			.build();
		assertThat(options.toClientProperties()).containsEntry("sasl.mechanism", "SCRAM-SHA-512")
			.containsEntry("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required "
					+ "username=\"a\\\"b\" password=\"c\\\\d\";");
	}

	@Test
	void clientPropertiesAreAppliedLastAndWin() {
		KafkaConnectOptions options = KafkaConnectOptions.builder()
			.securityProtocol(SecurityProtocol.SSL)
			.timeout(Duration.ofSeconds(3))
			.clientProperty("security.protocol", "PLAINTEXT")
			.build();
		assertThat(options.toClientProperties()).containsEntry("security.protocol", "PLAINTEXT")
			.containsEntry("socket.connection.setup.timeout.ms", "3000");
	}

	@Test
	void toStringMasksPasswordsAndSecretProperties() {
		KafkaConnectOptions options = KafkaConnectOptions.builder()
			.sasl(SaslMechanism.PLAIN, "user", "hunter2")
			.clientProperty("ssl.truststore.password", "s3cret")
			.clientProperty("sasl.jaas.config", "x password=\"hunter3\";")
			.build();
		String text = ConnectOptions.builder().with(options).build().toString();
		assertThat(text).contains("user").doesNotContain("hunter2").doesNotContain("s3cret").doesNotContain("hunter3");
	}

	@Test
	void invalidValuesAreRejectedNamingTheOption() {
		assertThatThrownBy(() -> KafkaConnectOptions.builder().autoCreateTopics(0, 1))
			.isInstanceOf(ConfigurationException.class)
			.hasMessageContaining("partitions");
		assertThatThrownBy(() -> KafkaConnectOptions.builder().autoCreateTopics(1, 0))
			.isInstanceOf(ConfigurationException.class)
			.hasMessageContaining("replication factor");
		assertThatThrownBy(() -> KafkaConnectOptions.builder().timeout(Duration.ZERO))
			.isInstanceOf(ConfigurationException.class)
			.hasMessageContaining("timeout");
		assertThatThrownBy(() -> KafkaConsumerOptions.builder().bufferSize(0))
			.isInstanceOf(ConfigurationException.class)
			.hasMessageContaining("buffer size");
		assertThatThrownBy(() -> KafkaProducerOptions.builder().transactionalId(" "))
			.isInstanceOf(ConfigurationException.class)
			.hasMessageContaining("transactional id");
	}

	@Test
	void enablingAutoCommitIsRejectedBecauseItWouldCommitUnprocessedMessages() {
		assertThatThrownBy(() -> KafkaConsumerOptions.builder().clientProperty("enable.auto.commit", "true"))
			.isInstanceOf(ConfigurationException.class)
			.hasMessageContaining("enable.auto.commit");
		assertThat(
				KafkaConsumerOptions.builder().clientProperty("enable.auto.commit", "false").build().clientProperties())
			.containsEntry("enable.auto.commit", "false");
	}

	@Test
	void compressionTypesUseKafkaPropertyValues() {
		assertThat(KafkaProducerOptions.CompressionType.ZSTD.propertyValue()).isEqualTo("zstd");
		assertThat(KafkaProducerOptions.builder()
			.compressionType(KafkaProducerOptions.CompressionType.LZ4)
			.build()
			.compressionType()).contains(KafkaProducerOptions.CompressionType.LZ4);
	}

	@Test
	void typedOptionsAreFoundThroughTheGenericOptions() {
		KafkaConsumerOptions kafka = KafkaConsumerOptions.builder().bufferSize(7).build();
		ConsumerOptions options = ConsumerOptions.builder().with(kafka).build();
		assertThat(options.extension(KafkaConsumerOptions.class)).containsSame(kafka);
	}

	@Test
	void producerHandleOfAnotherBackendsProducerFailsClearly() {
		io.github.seastreamer.Producer other = new io.github.seastreamer.Producer() {

			@Override
			public java.util.concurrent.CompletableFuture<io.github.seastreamer.MessageHeader> sendTo(
					io.github.seastreamer.StreamKey key, byte[] payload) {
				throw new UnsupportedOperationException();
			}

			@Override
			public void anchor(io.github.seastreamer.StreamKey key) {
			}

			@Override
			public java.util.Optional<io.github.seastreamer.StreamKey> anchoredKey() {
				return java.util.Optional.empty();
			}

			@Override
			public java.util.concurrent.CompletableFuture<Void> flush() {
				return java.util.concurrent.CompletableFuture.completedFuture(null);
			}

			@Override
			public java.util.concurrent.CompletableFuture<Void> end() {
				return java.util.concurrent.CompletableFuture.completedFuture(null);
			}

		};
		assertThatThrownBy(() -> KafkaProducerHandle.of(other)).isInstanceOfSatisfying(SeaStreamerException.class,
				(ex) -> assertThat(ex.kind()).isEqualTo(ErrorKind.UNSUPPORTED));
	}

}
