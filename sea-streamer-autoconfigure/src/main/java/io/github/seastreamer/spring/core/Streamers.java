package io.github.seastreamer.spring.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import io.github.seastreamer.ConfigurationException;
import io.github.seastreamer.Streamer;

/**
 * The streamers of an application by name: {@code default} for {@code seastreamer.uri},
 * plus every {@code seastreamer.streamers.<name>}.
 * <p>
 * Immutable and safe for use by several threads. Does not own the streamers: whoever
 * connected them disconnects them.
 */
public final class Streamers {

	/** The name of the default streamer. */
	public static final String DEFAULT = "default";

	private final Map<String, Streamer> byName;

	/**
	 * Create the registry.
	 * @param byName the streamers by name; must contain {@value #DEFAULT}
	 * @throws ConfigurationException if there is no default streamer
	 */
	public Streamers(Map<String, Streamer> byName) {
		if (!byName.containsKey(DEFAULT)) {
			throw new ConfigurationException("no streamer named '" + DEFAULT + "' among " + byName.keySet());
		}
		this.byName = Collections.unmodifiableMap(new LinkedHashMap<>(byName));
	}

	/**
	 * The default streamer.
	 * @return the streamer
	 */
	public Streamer getDefault() {
		return this.byName.get(DEFAULT);
	}

	/**
	 * A streamer by name; an empty name means the default one.
	 * @param name the name
	 * @return the streamer
	 * @throws ConfigurationException if no streamer has that name (the message lists
	 * those configured)
	 */
	public Streamer get(String name) {
		Streamer streamer = this.byName.get(name.isEmpty() ? DEFAULT : name);
		if (streamer == null) {
			throw new ConfigurationException("unknown streamer '" + name + "'; configured streamers: "
					+ String.join(", ", this.byName.keySet()) + " (add seastreamer.streamers." + name + ".uri)");
		}
		return streamer;
	}

	/**
	 * Whether a streamer has that name.
	 * @param name the name
	 * @return {@code true} if it has
	 */
	public boolean contains(String name) {
		return this.byName.containsKey(name.isEmpty() ? DEFAULT : name);
	}

	/**
	 * The names, the default first.
	 * @return the names
	 */
	public Set<String> names() {
		return this.byName.keySet();
	}

	/**
	 * The streamers by name.
	 * @return an unmodifiable map
	 */
	public Map<String, Streamer> asMap() {
		return this.byName;
	}

}
