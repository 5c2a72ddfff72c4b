package io.github.seastreamer.spring.actuate;

import java.time.Duration;
import java.util.UUID;

import io.github.seastreamer.spring.annotation.StreamListener;
import io.github.seastreamer.spring.test.StreamTester;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A listener's {@code seastreamer.*} meters, observation timers included, leave the meter
 * registry when the application context closes.
 */
class ListenerMetersLifecycleTests {

	@Test
	void metersOfTheListenersLeaveTheRegistryWhenTheContextCloses() {
		String prefix = "meters-" + UUID.randomUUID().toString().substring(0, 8) + "-";
		ConfigurableApplicationContext context = new SpringApplicationBuilder(App.class).web(WebApplicationType.NONE)
			.properties("seastreamer.uri=mem://" + prefix + "broker", "meters.prefix=" + prefix,
					"seastreamer.observation.enabled=true")
			.run();
		MeterRegistry registry = context.getBean(MeterRegistry.class);
		try {
			StreamTester.from(context).send(prefix + "in", "x");
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(
						() -> assertThat(registry.find("seastreamer.listener").tag("listener", "metered").timers())
							.isNotEmpty());
			assertThat(registry.find("seastreamer.process").tag("listener", "metered").meters()).isNotEmpty();
		}
		finally {
			context.close();
		}
		assertThat(registry.getMeters()).noneMatch((meter) -> "metered".equals(meter.getId().getTag("listener")));
	}

	static class Work {

		@StreamListener(id = "metered", streams = "${meters.prefix}in")
		void on(String payload) {
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class App {

		@Bean
		Work work() {
			return new Work();
		}

	}

}
