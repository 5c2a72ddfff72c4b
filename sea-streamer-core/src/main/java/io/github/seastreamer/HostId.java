package io.github.seastreamer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The identity of this host, used to derive default consumer group names: {@code HOST_ID}
 * from the environment; else the container id of a Docker cgroup; else the first 12
 * characters of a MAC address in upper-case hex; else the host name.
 */
public final class HostId {

	private static volatile @Nullable String cached;

	private HostId() {
	}

	/**
	 * The host id (computed once).
	 * @return the id
	 */
	public static String get() {
		String id = cached;
		if (id == null) {
			id = compute();
			cached = id;
		}
		return id;
	}

	private static String compute() {
		String env = System.getenv("HOST_ID");
		if (env != null && !env.isBlank()) {
			return env.trim();
		}
		try {
			Path cgroup = Path.of("/proc/self/cgroup");
			if (Files.isReadable(cgroup)) {
				List<String> lines = Files.readAllLines(cgroup);
				if (!lines.isEmpty()) {
					String last = lines.get(lines.size() - 1);
					int i = last.indexOf("0::/docker/");
					if (i >= 0) {
						String rest = last.substring(i + "0::/docker/".length());
						return rest.substring(0, Math.min(12, rest.length()));
					}
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// fall through to the MAC address
		}
		try {
			for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
				byte[] mac = nic.getHardwareAddress();
				if (mac != null && mac.length >= 6 && !nic.isLoopback() && !allZero(mac)) {
					return HexFormat.of().formatHex(mac).toUpperCase(Locale.ROOT).substring(0, 12);
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// fall through to the host name
		}
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (IOException ex) {
			return "localhost";
		}
	}

	private static boolean allZero(byte[] bytes) {
		for (byte b : bytes) {
			if (b != 0) {
				return false;
			}
		}
		return true;
	}

}
