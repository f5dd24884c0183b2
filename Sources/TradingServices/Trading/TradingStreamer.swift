import Persistence
import RPCCore
import TradingProtocol
import WireFormat

/// Serves one subscription: the journal from `from_sequence` (inclusive) up to the moment the
/// subscriber joined the live feed, then the live feed; each event once, in sequence order.
///
/// The subscriber registers with the hub *before* reading the journal, so every event is either at
/// or below `liveAfter` (already committed, read with its own reader connection) or above it
/// (delivered live): no gap and no duplicate at the handover. A subscriber whose bounded buffer
/// fills is ended with RESOURCE_EXHAUSTED and resumes with `from_sequence = last + 1`.
///
/// State streams (orders, positions) without `from_sequence` start with a snapshot instead: taken
/// on the sequencer after the subscriber joined the hub, it reflects the engine through its last
/// journaled event `S` (its messages carry `sequence = S`, kind SNAPSHOT) and is sent once `S` is
/// durable; live events at or below `S` are already in it and are skipped, so the live events that
/// follow start right after `S` with no gap and no duplicate.
struct TradingStreamer: Sendable {
    /// A state stream's snapshot: the journal position it reflects and its messages.
    typealias Snapshot<M> = @Sendable () async throws(RPCError) -> (position: Int64, messages: [M])

    let hub: EventHub
    let store: EventStore<ServerEventCodec>

    /// Journal rows read per page during replay.
    static let pageSize = 512

    /// - Parameters:
    ///   - snapshot: sent first when `fromSequence` is nil (state streams); nil for streams that
    ///     start with live events.
    ///   - interest: the live events `transform` can turn into messages at all; the hub does not
    ///     hand (or wake) this stream for the others. Replay still passes every row to `transform`.
    func serve<M: WireMessage>(from fromSequence: UInt64?, snapshot: Snapshot<M>? = nil, interest: EventHub.Interest = .all,
                               context: ServerContext, writer: MessageWriter<M>,
                               transform: @escaping @Sendable (JournaledEngineEvent) -> M?) async throws(RPCError) {
        let subscription = hub.subscribe(interest: interest)
        context.onCancel { [hub] _ in hub.unsubscribe(subscription) }
        defer { hub.unsubscribe(subscription) }
        var last = Int64(0)
        var skipThrough = Int64.min
        if let from = fromSequence, from > 0 {
            last = try await replay(from: Int64(clamping: from), through: subscription.liveAfter, writer: writer,
                                    transform: transform)
        } else if fromSequence == nil, let snapshot {
            let taken = try await snapshot()
            do {
                try await store.committed(through: taken.position)
            } catch {
                throw RPCError(code: .unavailable, message: "the journal cannot confirm the snapshot: \(error.message)")
            }
            for message in taken.messages { try await writer.write(message) }
            skipThrough = taken.position
            last = taken.position
        }
        // Live. While this task waits with nothing buffered, the publisher thread turns each
        // batch into messages and queues them on the stream itself (`direct`): no task wake-up
        // per subscriber and publish, which with 1,000 subscribers was most of what competed
        // with the sequencer for the cores. When the stream's buffer has no room (a slow
        // reader) or the stream is over, the batch stays in the feed and this task takes over,
        // waiting on the transport as before, so order, the bound and the overflow rule hold.
        let sent = Locked(last)
        let sink = writer.raw.sink
        let skip = skipThrough
        let direct: EventHub.Feed.DirectDelivery = { events in
            var messages: [[UInt8]] = []
            var newest: Int64?
            for event in events where event.sequence > skip {
                if let message = transform(event) { messages.append(Self.bytes(of: message)) }
                newest = event.sequence
            }
            if !messages.isEmpty && !sink.tryWrite(contentsOf: messages) { return false }
            if let newest { sent.withLock { $0 = newest } }
            return true
        }
        // Everything buffered at once, its messages handed to the transport in one call.
        var messages: [[UInt8]] = []
        while let chunk = await subscription.events.nextBatch(direct: direct) {
            if context.isCancelled { return }
            last = sent.withLock { $0 }
            for slice in chunk {
                for event in slice where event.sequence > skipThrough {
                    if let message = transform(event) { messages.append(Self.bytes(of: message)) }
                    last = event.sequence
                }
            }
            if !messages.isEmpty {
                try await writer.raw.write(contentsOf: messages)
                messages.removeAll(keepingCapacity: true)
            }
            sent.withLock { $0 = last }
        }
        last = sent.withLock { $0 }
        if context.isCancelled { return }
        if subscription.overflowed {
            throw RPCError(code: .resourceExhausted,
                           message: "subscriber too slow: its buffer of \(hub.capacity) events filled; resume with from_sequence = \(last + 1)")
        }
        throw RPCError(code: .unavailable, message: "the server is shutting down; resume with from_sequence = \(last + 1)")
    }

    /// A message's wire bytes; bytes encoded earlier and shared (`EncodedMessage`) are passed on
    /// as they are instead of being copied through an encoder.
    @inline(__always)
    private static func bytes<M: WireMessage>(of message: M) -> [UInt8] {
        if let shared = message as? EncodedMessage { return shared.bytes }
        return message.wireBytes()
    }

    private func replay<M: WireMessage>(from: Int64, through end: Int64, writer: MessageWriter<M>,
                                        transform: @Sendable (JournaledEngineEvent) -> M?) async throws(RPCError) -> Int64 {
        let reader: JournalReader<ServerEventCodec>
        do { reader = try store.makeReader() } catch {
            throw RPCError(code: .unavailable, message: "cannot read the journal: \(error.message)")
        }
        defer { reader.close() }
        var cursor = from - 1
        while cursor < end {
            let page: [JournalEvent<ServerEvent>]
            do { page = try reader.events(after: cursor, limit: Self.pageSize) } catch {
                throw RPCError(code: .internal, message: "journal read failed: \(error.message)")
            }
            if page.isEmpty { break }
            for row in page {
                if row.sequence > end { return end }
                cursor = row.sequence
                guard case .engine(let event) = row.event else { continue }
                if let message = transform(JournaledEngineEvent(sequence: row.sequence, timeNanoseconds: row.timeNanoseconds,
                                                                event: event)) {
                    try await writer.write(message)
                }
            }
        }
        return max(cursor, 0)
    }
}
