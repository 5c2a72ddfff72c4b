/**
 * The SeaStreamer API: streamers, producers, consumers and messages, independent of the
 * backend, which is chosen at run time by the scheme of a {@link StreamerUri}.
 *
 * <p>
 * Start with {@link SeaStreamer#connect(String)}.
 */
@NullMarked
package io.github.seastreamer;

import org.jspecify.annotations.NullMarked;
