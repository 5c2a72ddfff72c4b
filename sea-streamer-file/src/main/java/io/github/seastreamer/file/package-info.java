/**
 * The file backend: streams stored in one {@code .ss} file, with live tail, seek by
 * beacons, load-balanced groups, resumable consumers and shards. URI
 * {@code file:///path/to/file.ss}.
 */
@NullMarked
package io.github.seastreamer.file;

import org.jspecify.annotations.NullMarked;
