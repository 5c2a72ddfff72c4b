package io.github.seastreamer.cli;

import picocli.CommandLine.IVersionProvider;

/**
 * The version printed by {@code --version}, read from the jar manifest.
 */
final class VersionProvider implements IVersionProvider {

	@Override
	public String[] getVersion() {
		String version = SeaStreamerCommand.class.getPackage().getImplementationVersion();
		return new String[] { "sea-streamer " + ((version != null) ? version : "0.1.0-SNAPSHOT") };
	}

}
