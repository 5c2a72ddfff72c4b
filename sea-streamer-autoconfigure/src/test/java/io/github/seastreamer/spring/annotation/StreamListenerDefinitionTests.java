package io.github.seastreamer.spring.annotation;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.UUID;

import io.github.seastreamer.ConsumerMode;
import io.github.seastreamer.Message;
import io.github.seastreamer.spring.autoconfigure.SeaStreamerAutoConfiguration;
import io.github.seastreamer.spring.listener.ContainerState;
import io.github.seastreamer.spring.listener.ListenerContainer;
import io.github.seastreamer.spring.listener.StreamListenerEndpointRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link StreamListenerAnnotationBeanPostProcessor}: what a definition resolves
 * to, and every definition error failing start-up with the listener's name.
 */
class StreamListenerDefinitionTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SeaStreamerAutoConfiguration.class))
		.withPropertyValues("seastreamer.uri=mem://definitions-" + UUID.randomUUID(), "orders.stream=orders");

	@Test
	void validDefinitionResolvesPlaceholdersDefaultsAndId() {
		this.contextRunner.withUserConfiguration(Valid.class)
			.withPropertyValues("seastreamer.consumer.group=billing", "seastreamer.consumer.mode=load-balanced")
			.run((context) -> {
				StreamListenerEndpointRegistry registry = context.getBean(StreamListenerEndpointRegistry.class);
				ListenerContainer container = registry.getListenerContainer("validListener.onOrder").orElseThrow();
				assertThat(container.streams()).extracting((k) -> k.name()).containsExactly("orders", "refunds");
				assertThat(container.mode()).isEqualTo(ConsumerMode.LOAD_BALANCED);
				assertThat(container.group()).contains("billing");
				assertThat(container.state()).isEqualTo(ContainerState.RUNNING);
				assertThat(registry.getListenerContainer("manual").orElseThrow().state())
					.isEqualTo(ContainerState.CREATED);
			});
	}

	@Test
	void loadBalancedListenerFallsBackToTheApplicationName() {
		this.contextRunner.withUserConfiguration(LoadBalanced.class)
			.withPropertyValues("spring.application.name=shop")
			.run((context) -> assertThat(context.getBean(StreamListenerEndpointRegistry.class)
				.getListenerContainer("balanced")
				.orElseThrow()
				.group()).contains("shop.balanced"));
	}

	@Test
	void loadBalancedListenerWithoutAnyGroupFails() {
		assertFailure(LoadBalanced.class, "listener 'balanced'", "mode LOAD_BALANCED needs a consumer group");
	}

	@Test
	void unknownStreamerFails() {
		assertFailure(UnknownStreamer.class, "listener 'lost'", "unknown streamer 'nowhere'");
	}

	@Test
	void twoPayloadParametersFail() {
		assertFailure(TwoPayloads.class, "listener 'greedy'", "already takes the payload");
	}

	@Test
	void unbindableParameterFailsWithoutJackson() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("tools.jackson"))
			.withUserConfiguration(JsonParameter.class)
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(text(context.getStartupFailure())).contains("listener 'json'")
					.contains("cannot be bound")
					.contains("other types need Jackson");
			});
	}

	@Test
	void invalidConditionFails() {
		assertFailure(BadCondition.class, "listener 'picky'", "is not a valid SpEL expression");
	}

	@Test
	void sendToOnAVoidMethodFails() {
		assertFailure(VoidSendTo.class, "listener 'mute'", "on a method that returns nothing");
	}

	@Test
	void sendToWithAnInvalidStreamFails() {
		assertFailure(BadSendTo.class, "listener 'typo'", "invalid stream key 'in voices'");
	}

	@Test
	void sendToAnUnknownStreamerFails() {
		assertFailure(UnknownSendToStreamer.class, "listener 'far'", "@SendTo names unknown streamer 'elsewhere'");
	}

	@Test
	void duplicateIdsFail() {
		assertFailure(DuplicateIds.class, "listener 'twin'", "another listener has this id");
	}

	@Test
	void nonNumericConcurrencyFails() {
		assertFailure(BadConcurrency.class, "listener 'many'", "concurrency \"lots\" is not a number");
	}

	private void assertFailure(Class<?> configuration, String... fragments) {
		this.contextRunner.withUserConfiguration(configuration).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(text(context.getStartupFailure())).contains(fragments);
		});
	}

	private static String text(Throwable failure) {
		StringWriter out = new StringWriter();
		failure.printStackTrace(new PrintWriter(out));
		return out.toString();
	}

	record Order(String id) {
	}

	@Configuration(proxyBeanMethods = false)
	static class Valid {

		@Bean
		ValidListener validListener() {
			return new ValidListener();
		}

	}

	static class ValidListener {

		@StreamListener(streams = { "${orders.stream}", "refunds" })
		void onOrder(Order order, Message message) {
		}

		@StreamListener(id = "manual", streams = "x", autoStartup = "false", mode = ConsumerMode.REAL_TIME)
		void manual(byte[] payload) {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class LoadBalanced {

		@Bean
		Object balancedListener() {
			return new Object() {

				@StreamListener(id = "balanced", streams = "x", mode = ConsumerMode.LOAD_BALANCED)
				void handle(String payload) {
				}

			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UnknownStreamer {

		@Bean
		Object lostListener() {
			return new Object() {

				@StreamListener(id = "lost", streams = "x", streamer = "nowhere")
				void handle(String payload) {
				}

			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TwoPayloads {

		@Bean
		Object greedyListener() {
			return new Object() {

				@StreamListener(id = "greedy", streams = "x")
				void handle(String payload, byte[] again) {
				}

			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class JsonParameter {

		@Bean
		Object jsonListener() {
			return new Object() {

				@StreamListener(id = "json", streams = "x")
				void handle(Order order) {
				}

			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class BadCondition {

		@Bean
		Object pickyListener() {
			return new Object() {

				@StreamListener(id = "picky", streams = "x", condition = "sequence >>> ")
				void handle(String payload) {
				}

			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class VoidSendTo {

		@Bean
		Object muteListener() {
			return new Object() {

				@StreamListener(id = "mute", streams = "x")
				@SendTo("y")
				void handle(String payload) {
				}

			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class BadSendTo {

		@Bean
		Object typoListener() {
			return new Object() {

				@StreamListener(id = "typo", streams = "x")
				@SendTo("in voices")
				String handle(String payload) {
					return payload;
				}

			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UnknownSendToStreamer {

		@Bean
		Object farListener() {
			return new Object() {

				@StreamListener(id = "far", streams = "x")
				@SendTo("elsewhere:y")
				String handle(String payload) {
					return payload;
				}

			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class DuplicateIds {

		@Bean
		Object twinListeners() {
			return new Object() {

				@StreamListener(id = "twin", streams = "x")
				void one(String payload) {
				}

				@StreamListener(id = "twin", streams = "y")
				void two(String payload) {
				}

			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class BadConcurrency {

		@Bean
		Object manyListener() {
			return new Object() {

				@StreamListener(id = "many", streams = "x", concurrency = "lots")
				void handle(String payload) {
				}

			};
		}

	}

}
