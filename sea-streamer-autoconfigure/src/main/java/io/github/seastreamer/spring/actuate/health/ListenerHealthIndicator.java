package io.github.seastreamer.spring.actuate.health;

import io.github.seastreamer.spring.listener.ContainerState;
import io.github.seastreamer.spring.listener.ListenerContainer;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The health of one listener: up while created, starting, running, paused (with a
 * {@code paused} detail), stopping or stopped on request; down when it failed.
 * <p>
 * Never blocks; thread-safe.
 */
public class ListenerHealthIndicator implements HealthIndicator {

	private final ListenerContainer container;

	/**
	 * Create the indicator.
	 * @param container the listener container
	 */
	public ListenerHealthIndicator(ListenerContainer container) {
		this.container = container;
	}

	@Override
	public Health health() {
		ContainerState state = this.container.state();
		Health.Builder builder = (state == ContainerState.FAILED) ? Health.down() : Health.up();
		builder.withDetail("state", state.name())
			.withDetail("streams", this.container.streams().stream().map((s) -> s.name()).toList())
			.withDetail("inFlight", this.container.inFlight());
		if (state == ContainerState.PAUSED) {
			builder.withDetail("paused", true);
		}
		return builder.build();
	}

}
