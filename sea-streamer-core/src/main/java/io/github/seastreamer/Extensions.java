package io.github.seastreamer;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable set of backend options, at most one per class.
 */
final class Extensions {

	static final Extensions EMPTY = new Extensions(Map.of());

	private final Map<Class<?>, BackendOptions> byClass;

	private Extensions(Map<Class<?>, BackendOptions> byClass) {
		this.byClass = byClass;
	}

	Extensions with(BackendOptions options) {
		Map<Class<?>, BackendOptions> copy = new LinkedHashMap<>(this.byClass);
		copy.put(options.getClass(), options);
		return new Extensions(Collections.unmodifiableMap(copy));
	}

	<T extends BackendOptions> Optional<T> get(Class<T> type) {
		return Optional.ofNullable(this.byClass.get(type)).map(type::cast);
	}

	@Override
	public String toString() {
		return this.byClass.values().toString();
	}

}
