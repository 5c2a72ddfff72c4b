package io.github.seastreamer.spring.actuate.health;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.health.actuate.endpoint.AdditionalHealthEndpointPath;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroup;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroupsPostProcessor;
import org.springframework.boot.health.actuate.endpoint.HttpCodeStatusMapper;
import org.springframework.boot.health.actuate.endpoint.StatusAggregator;
import org.springframework.core.env.Environment;
import org.jspecify.annotations.Nullable;

/**
 * Adds the {@code seastreamer} contributor to Boot's {@code readiness} group (when there
 * is one, i.e. probes are enabled, and the application did not configure its members), so
 * that an unreachable broker or a failed listener makes the application not ready; the
 * {@code liveness} group is left alone, so it does not make the application dead.
 * <p>
 * Runs once while the health endpoint is configured; thread-safe.
 */
public class SeaStreamerReadinessGroupPostProcessor implements HealthEndpointGroupsPostProcessor {

	/** The name of the contributor added. */
	public static final String CONTRIBUTOR = "seastreamer";

	private static final String READINESS = "readiness";

	private final Environment environment;

	/**
	 * Create the post-processor.
	 * @param environment the environment (to see whether the group is configured)
	 */
	public SeaStreamerReadinessGroupPostProcessor(Environment environment) {
		this.environment = environment;
	}

	@Override
	public HealthEndpointGroups postProcessHealthEndpointGroups(HealthEndpointGroups groups) {
		HealthEndpointGroup readiness = groups.get(READINESS);
		if (readiness == null || readiness.isMember(CONTRIBUTOR)
				|| this.environment.containsProperty("management.endpoint.health.group.readiness.include")) {
			return groups;
		}
		Map<String, HealthEndpointGroup> all = new LinkedHashMap<>();
		for (String name : groups.getNames()) {
			all.put(name, groups.get(name));
		}
		all.put(READINESS, new WithSeaStreamer(readiness));
		return HealthEndpointGroups.of(groups.getPrimary(), all);
	}

	private record WithSeaStreamer(HealthEndpointGroup delegate) implements HealthEndpointGroup {

		@Override
		public boolean isMember(String name) {
			// nested components are asked for by path: seastreamer/streamers/default
			return CONTRIBUTOR.equals(name) || name.startsWith(CONTRIBUTOR + "/") || this.delegate.isMember(name);
		}

		@Override
		public boolean showComponents(SecurityContext securityContext) {
			return this.delegate.showComponents(securityContext);
		}

		@Override
		public boolean showDetails(SecurityContext securityContext) {
			return this.delegate.showDetails(securityContext);
		}

		@Override
		public StatusAggregator getStatusAggregator() {
			return this.delegate.getStatusAggregator();
		}

		@Override
		public HttpCodeStatusMapper getHttpCodeStatusMapper() {
			return this.delegate.getHttpCodeStatusMapper();
		}

		@Override
		public @Nullable AdditionalHealthEndpointPath getAdditionalPath() {
			return this.delegate.getAdditionalPath();
		}

	}

}
