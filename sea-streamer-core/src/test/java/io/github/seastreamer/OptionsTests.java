package io.github.seastreamer;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Connect, consumer and producer options: defaults, validation, typed backend options.
 */
class OptionsTests {

	record SomeBackendOptions(int value) implements BackendOptions {
	}

	record OtherBackendOptions(String value) implements BackendOptions {
	}

	@Test
	void consumerDefaultsAreRealTimeLatestWithoutGroup() {
		ConsumerOptions options = ConsumerOptions.defaults();
		assertThat(options.mode()).isEqualTo(ConsumerMode.REAL_TIME);
		assertThat(options.streamReset()).isEqualTo(StreamReset.LATEST);
		assertThat(options.group()).isEmpty();
	}

	@Test
	void requiringAnUnsetGroupFailsWithConsumerGroupNotSet() {
		assertThatExceptionOfType(SeaStreamerException.class)
			.isThrownBy(() -> ConsumerOptions.of(ConsumerMode.LOAD_BALANCED).requireGroup())
			.withMessageContaining("Consumer group has not yet been set")
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(ErrorKind.CONSUMER_GROUP_NOT_SET));
		assertThat(ConsumerOptions.builder().group("g").build().requireGroup()).isEqualTo("g");
	}

	@Test
	void groupOfAGroupOperationIsTheGroupOrTheResumableDefaultAndNeverOneForRealTime() {
		assertThat(ConsumerOptions.of(ConsumerMode.RESUMABLE).groupOrDefault("dflt")).isEqualTo("dflt");
		assertThat(ConsumerOptions.builder().mode(ConsumerMode.RESUMABLE).group("g").build().groupOrDefault("dflt"))
			.isEqualTo("g");
		assertThat(ConsumerOptions.builder().mode(ConsumerMode.LOAD_BALANCED).group("g").build().groupOrDefault("dflt"))
			.isEqualTo("g");
		assertThatExceptionOfType(SeaStreamerException.class)
			.isThrownBy(() -> ConsumerOptions.of(ConsumerMode.LOAD_BALANCED).groupOrDefault("dflt"))
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(ErrorKind.CONSUMER_GROUP_NOT_SET));
		assertThatExceptionOfType(SeaStreamerException.class)
			.isThrownBy(() -> ConsumerOptions.of(ConsumerMode.REAL_TIME).groupOrDefault("dflt"))
			.withMessageContaining("REAL_TIME consumer has no group")
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(ErrorKind.CONSUMER_GROUP_NOT_SET));
	}

	@Test
	void emptyGroupIsRejected() {
		assertThatExceptionOfType(ConfigurationException.class).isThrownBy(() -> ConsumerOptions.builder().group(""))
			.withMessageContaining("consumer group");
	}

	@Test
	void typedBackendOptionsAreFoundByClassAndReplacedByTheirOwnClass() {
		ConsumerOptions options = ConsumerOptions.builder()
			.with(new SomeBackendOptions(1))
			.with(new OtherBackendOptions("x"))
			.with(new SomeBackendOptions(2))
			.build();
		assertThat(options.extension(SomeBackendOptions.class)).contains(new SomeBackendOptions(2));
		assertThat(options.extension(OtherBackendOptions.class)).contains(new OtherBackendOptions("x"));
		assertThat(options.toBuilder().mode(ConsumerMode.RESUMABLE).build().extension(SomeBackendOptions.class))
			.contains(new SomeBackendOptions(2));
		assertThat(
				ProducerOptions.builder().with(new SomeBackendOptions(3)).build().extension(SomeBackendOptions.class))
			.contains(new SomeBackendOptions(3));
		assertThat(ConnectOptions.defaults().extension(SomeBackendOptions.class)).isEmpty();
	}

	@Test
	void timeoutMustBePositive() {
		assertThat(ConnectOptions.builder().timeout(Duration.ofSeconds(1)).build().timeout())
			.contains(Duration.ofSeconds(1));
		assertThat(ConnectOptions.defaults().timeout()).isEmpty();
		assertThatExceptionOfType(ConfigurationException.class)
			.isThrownBy(() -> ConnectOptions.builder().timeout(Duration.ZERO))
			.withMessageContaining("timeout must be positive");
	}

	@Test
	void errorsSayWhatFailedAndWhetherRetryingHelps() {
		SeaStreamerException error = new SeaStreamerException(ErrorKind.STREAM_KEY_NOT_FOUND, "`x` is not subscribed");
		assertThat(error).hasMessage("Stream key not found: `x` is not subscribed");
		assertThat(error.isRetryable()).isFalse();
		assertThat(new ConnectionException("refused").isRetryable()).isTrue();
		assertThat(SeaStreamerException.find(new java.util.concurrent.CompletionException(error))).isSameAs(error);
		assertThat(SeaStreamerException.find(new RuntimeException("other"))).isNull();
	}

}
