/**
 * The Redis Streams backend ({@code redis://}, {@code rediss://}), wire-compatible with
 * the Rust SeaStreamer layout, built on Lettuce.
 *
 * <h2>Wire layout</h2>
 *
 * <pre>
 * stream key k, no sharder     Redis key  k
 * shard s (sharder set)        Redis key  k:s        (s in decimal)
 * message                      one entry, id assigned by Redis (*), one field "msg" = payload bytes
 * sequence                     (ms &lt;&lt; 16) | n   of the entry id ms-n
 * timestamp                    ms
 * groups                       &lt;host_id&gt;:r (Resumable), &lt;host_id&gt;:s (LoadBalanced)
 * consumer names               the group name (Resumable), &lt;host_id&gt;:&lt;pid&gt;:&lt;thread&gt;:&lt;unix ns&gt; (LoadBalanced)
 * </pre>
 *
 * Entries written by others: extra fields are ignored and the {@code msg} field (the
 * first one, should an entry carry it twice) is the payload. An entry without that field
 * (or deleted while pending) is not a message: it is skipped with a warning and, in group
 * modes, acknowledged so that it does not stay in the pending list.
 *
 * <h2>Consumers</h2>
 * <ul>
 * <li>Set-up happens in {@code createConsumer} (bounded by the connect timeout): shard
 * discovery ({@code SCAN MATCH k:* TYPE stream}), RealTime/Latest anchoring of every
 * shard's tail once ({@code XREVRANGE + - COUNT 1}) and group creation
 * ({@code XGROUP CREATE ... 0|$ [MKSTREAM]}). Messages sent after {@code createConsumer}
 * returns are therefore always delivered; a set-up error (a missing stream without
 * {@code mkstream}) is returned by the first {@code next()}.</li>
 * <li>Group modes first re-read their own pending entries, then read {@code >}. Immediate
 * reads with {@code NOACK}; Immediate and Disabled read on demand (only while
 * {@code next()} calls wait, no read-ahead); Delayed and Rolling read ahead into a
 * bounded buffer of four batches.</li>
 * <li>{@code commit(header)} is an {@code XACK} of that entry, batched with concurrent
 * commits: sent at once for Delayed and Disabled, at the next background commit for
 * Rolling (the future completes then), a no-op for Immediate, refused with
 * {@code COMMIT_NOT_ALLOWED} for RealTime. Delayed acknowledges what {@code next()}
 * handed out once older than {@code autoCommitDelay}; {@code close()} acknowledges every
 * message handed out so far.</li>
 * <li>LoadBalanced failover: every {@code autoClaimInterval}, a member looks for other
 * members idle longer than {@code autoClaimIdle} with pending entries
 * ({@code XINFO CONSUMERS}); if there is one it claims idle entries <em>in its own
 * name</em> ({@code XAUTOCLAIM <key> <group> <self> ...}) and delivers them first.</li>
 * <li>Shards created while a consumer runs are picked up every
 * {@code shardDiscoveryInterval} (RealTime from their first entry; group modes create the
 * group at {@code 0}).</li>
 * </ul>
 *
 * <h2>Seek and rewind</h2> {@code seek(t)} goes after millisecond {@code t}
 * ({@code <ms>-65535}); {@code rewind(Beginning)} to {@code 0-0}; {@code rewind(At(seq))}
 * after that entry; {@code rewind(End)} to the current tail. A target after the newest
 * entry is the tail (so a seek into the future still delivers what is written next).
 * RealTime simply reads from there. <b>Resumable moves its group</b>:
 * {@code XGROUP SETID} on every shard, so a later restart (or another member) continues
 * from the new position; entries already pending stay pending. <b>LoadBalanced
 * refuses</b> with {@code UnsupportedFeatureException}, since moving the group would move
 * every member. Buffered messages are dropped. {@code assign}/{@code unassign} take
 * effect at the next seek or rewind.
 *
 * <h2>Connections</h2> Credentials and database come from {@link RedisConnectOptions} or
 * from the URI's user-info ({@code redis://user:secret@host},
 * {@code redis://:secret@host}; options win); passwords are masked in every
 * {@code toString}, log line and exception. There is no per-command timeout (blocking
 * reads are never cut); Lettuce reconnects with a back-off of 100 ms to 2 s and re-issues
 * pending commands; a consumer whose reads fail for more than 127 s in a row ends with a
 * connection error. Several nodes need {@code enableCluster}: Redis Cluster slot routing
 * is <em>not</em> implemented, the nodes are tried in order and the first that answers
 * serves everything. {@code rediss://} enables TLS with full verification unless
 * {@code disableHostnameVerification}; it is not covered by the tests.
 *
 * <h2>Differences from the Rust implementation</h2> RealTime consumers queue no acks (the
 * Rust ack-list leak); claims are made in the claimer's own name; shard keys use the
 * decimal number; {@code SCAN} filters {@code TYPE stream}; read-ahead is bounded after a
 * seek as before it; a commit for a shard the consumer does not read fails with
 * {@code STREAM_KEY_NOT_FOUND} instead of aborting; {@code disconnect()} flushes every
 * producer and closes every connection; trimming ({@link RedisStreamer#trimMaxLen},
 * {@link RedisStreamer#trimBefore}) is exact and covers every shard key; sending to
 * {@code SEA_STREAMER_INTERNAL} is refused; commit in Delayed/Rolling mode is allowed
 * (see above) instead of being an error.
 */
@NullMarked
package io.github.seastreamer.redis;

import org.jspecify.annotations.NullMarked;
