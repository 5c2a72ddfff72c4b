/**
 * The file backend: streams stored in one {@code .ss} file, with live tail, seek by
 * beacons, load-balanced groups, resumable consumers and shards. URI
 * {@code file:///path/to/file.ss} (the first node, without {@code file://} and trailing
 * slashes, is the path). Options: {@link io.github.seastreamer.file.FileConnectOptions},
 * {@link io.github.seastreamer.file.FileConsumerOptions},
 * {@link io.github.seastreamer.file.FileProducerOptions}.
 *
 * <p>
 * The bytes on disk are exactly the Rust implementation's (see
 * {@link io.github.seastreamer.file.format}); files written here are read by the Rust and
 * TypeScript readers and the other way round. Where the Rust backend has a quirk, this
 * one differs as follows:
 * <ul>
 * <li><b>Creating files.</b> The default {@code createFile} is
 * {@code CREATE_IF_NOT_EXISTS} (Rust: {@code Never}): connecting creates a missing file,
 * empty as {@code touch} leaves it; the first producer writes the header. An empty file
 * is a new file. A file whose first bytes are not a {@code .ss} header is refused at
 * connect.</li>
 * <li><b>One writer per file.</b> The writer locks the file
 * ({@code FileChannel.tryLock}); a second process gets an error naming the lock instead
 * of interleaving. In a process, every producer of the file shares one writer
 * thread.</li>
 * <li><b>Timestamps.</b> A message is stamped when the writer thread takes it (one clock
 * reading per batch of up to 512 sends), not when {@code send} is called: microseconds
 * later, and the receipt carries that time.</li>
 * <li><b>Appending.</b> A trailing End-of-Stream is always overwritten, also in files
 * shorter than one beacon interval (Rust keeps it there, hiding what is appended later);
 * a torn tail (bytes after the last complete frame) is cut off with a warning naming the
 * offset and count; a damaged frame in the last interval refuses the append (run
 * {@code sea-streamer verify --repair}). Stream state (last sequence, running checksum)
 * is recovered from the last beacon's markers and the frames after it, so running
 * checksums continue across appends (Rust restarts them) and sequence numbers continue.
 * The cost is bounded by the beacon interval when the last beacon lists every stream
 * (fewer streams than markers per beacon: up to 127 with the default 1 MiB interval);
 * otherwise a stream not met there is looked up by walking the beacons back, and a stream
 * never seen costs a scan of the file, once.</li>
 * <li><b>Ending.</b> {@code Producer.end()} ends that producer only (Rust ends the shared
 * writer); the writer ends, with End-of-Stream if {@code endWithEos}, when its last
 * producer ends or on {@code disconnect()}. {@code disconnect()} also succeeds without a
 * producer (Rust: {@code ProducerEnded}), and closes the streamer's consumers.</li>
 * <li><b>Timestamps and names.</b> A timestamp before 1970 is refused with an error (Rust
 * panics); a file name longer than 111 bytes is stored cut to 111 bytes at a character
 * boundary (the header stays valid; the name is informational).</li>
 * <li><b>Reading.</b> Readers verify the running checksum, maximum sequence and timestamp
 * of every marker and every beacon's {@code remaining_messages_bytes}, the frame
 * terminator and the beacon marks, besides the frame CRC (Rust checks the CRC only).
 * Damage fails the consumer with a {@link io.github.seastreamer.BackendException} naming
 * the offset after the intact messages, or, with {@code SKIP_TO_NEXT_BEACON}, is logged
 * and skipped. Files appended by the Rust writer restart running checksums at the append
 * point and are reported as damaged there. The CRC covers payloads only: a damaged shard,
 * sequence or timestamp field is found only when a later marker contradicts it
 * ({@code verify} also reports sequences that do not increase).</li>
 * <li><b>End of a stream.</b> After End-of-Stream (or the end of a replay) {@code next()}
 * fails with {@link io.github.seastreamer.StreamEndedException}, but the reader stays:
 * {@code rewind} and {@code seek} work afterwards. Damage and {@code close()} end a
 * consumer for good.</li>
 * <li><b>Seek.</b> {@code seek(t)} and {@code rewind(At(n))} use beacon bisection over
 * the markers of every subscribed stream (Rust: the first key and shard 0 only), then
 * read forward to the first message of a subscribed stream at the target (Rust: of any
 * stream). A target beyond the file positions the consumer at the end (Rust:
 * {@code OutOfBound}), so later messages are delivered.</li>
 * <li><b>Beyond the original.</b> Resumable consumers (offsets in
 * {@code <file>.<group>.offsets}, default group {@code resumable}, written to a temporary
 * file, fsynced and renamed; commits are batched); load-balanced groups restart after
 * their commits too. Producers write any shard ({@code FileProducerOptions.shard});
 * consumers read every shard until {@code assign} narrows a stream to the assigned ones.
 * Load-balanced groups split by {@code seq % members} within one process; members in
 * different processes are not coordinated.</li>
 * <li><b>Live tail.</b> A live consumer waits for the in-process writer's signal, or
 * polls the file size with a back-off capped at 10 ms; a deleted file ends it with
 * {@code File Removed}.</li>
 * </ul>
 */
@NullMarked
package io.github.seastreamer.file;

import org.jspecify.annotations.NullMarked;
