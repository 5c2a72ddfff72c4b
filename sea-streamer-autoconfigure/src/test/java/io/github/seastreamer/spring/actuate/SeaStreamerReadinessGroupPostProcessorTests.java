package io.github.seastreamer.spring.actuate;

import java.util.Map;
import java.util.Set;

import io.github.seastreamer.spring.actuate.health.SeaStreamerReadinessGroupPostProcessor;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.health.actuate.endpoint.AdditionalHealthEndpointPath;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroup;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.actuate.endpoint.HttpCodeStatusMapper;
import org.springframework.boot.health.actuate.endpoint.SimpleHttpCodeStatusMapper;
import org.springframework.boot.health.actuate.endpoint.SimpleStatusAggregator;
import org.springframework.boot.health.actuate.endpoint.StatusAggregator;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Unit tests of {@link SeaStreamerReadinessGroupPostProcessor}.
 */
class SeaStreamerReadinessGroupPostProcessorTests {

	private static HealthEndpointGroups groups() {
		return HealthEndpointGroups.of(new Group(Set.of()), Map.of("readiness", new Group(Set.of("readinessState")),
				"liveness", new Group(Set.of("livenessState"))));
	}

	@Test
	void seastreamerAndItsComponentsJoinReadinessButNotLiveness() {
		HealthEndpointGroups processed = new SeaStreamerReadinessGroupPostProcessor(new MockEnvironment())
			.postProcessHealthEndpointGroups(groups());
		HealthEndpointGroup readiness = processed.get("readiness");
		assertThat(readiness.isMember("seastreamer")).isTrue();
		assertThat(readiness.isMember("seastreamer/streamers/default")).isTrue();
		assertThat(readiness.isMember("readinessState")).isTrue();
		assertThat(readiness.isMember("db")).isFalse();
		assertThat(processed.get("liveness").isMember("seastreamer")).isFalse();
	}

	@Test
	void readinessMembersConfiguredByTheApplicationAreLeftAlone() {
		MockEnvironment environment = new MockEnvironment()
			.withProperty("management.endpoint.health.group.readiness.include", "readinessState");
		HealthEndpointGroups processed = new SeaStreamerReadinessGroupPostProcessor(environment)
			.postProcessHealthEndpointGroups(groups());
		assertThat(processed.get("readiness").isMember("seastreamer")).isFalse();
	}

	@Test
	void withoutReadinessGroupNothingChanges() {
		HealthEndpointGroups none = HealthEndpointGroups.of(new Group(Set.of()), Map.of());
		assertThat(
				new SeaStreamerReadinessGroupPostProcessor(new MockEnvironment()).postProcessHealthEndpointGroups(none))
			.isSameAs(none);
	}

	private record Group(Set<String> members) implements HealthEndpointGroup {

		@Override
		public boolean isMember(String name) {
			return this.members.contains(name);
		}

		@Override
		public boolean showComponents(SecurityContext securityContext) {
			return true;
		}

		@Override
		public boolean showDetails(SecurityContext securityContext) {
			return true;
		}

		@Override
		public StatusAggregator getStatusAggregator() {
			return new SimpleStatusAggregator();
		}

		@Override
		public HttpCodeStatusMapper getHttpCodeStatusMapper() {
			return new SimpleHttpCodeStatusMapper();
		}

		@Override
		public AdditionalHealthEndpointPath getAdditionalPath() {
			return null;
		}

	}

}
