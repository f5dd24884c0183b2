import TradingModel

/// One engine event as the rest of the server sees it: its journal sequence (the position every
/// stream reports and every `from_sequence` refers to), the engine time it happened and the event.
///
/// The event itself sits in a shared immutable box: an `EngineEvent` carries whole orders, fills
/// and positions (hundreds of bytes), and these values are copied into every subscriber's feed,
/// through its task's frames and into each stream's filter. Copying the box is one retain; the
/// payload is copied only where `event` is read. With 1,000 subscribers the unboxed copies were
/// the largest item of the fan-out profile (memmove).
public struct JournaledEngineEvent: Sendable, Hashable {
    public let sequence: Int64
    public let timeNanoseconds: Int64
    private let box: Box

    /// The engine event.
    public var event: EngineEvent { box.event }

    public init(sequence: Int64, timeNanoseconds: Int64, event: EngineEvent) {
        self.sequence = sequence
        self.timeNanoseconds = timeNanoseconds
        self.box = Box(event)
    }

    public static func == (a: JournaledEngineEvent, b: JournaledEngineEvent) -> Bool {
        a.sequence == b.sequence && a.timeNanoseconds == b.timeNanoseconds && (a.box === b.box || a.box.event == b.box.event)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(sequence)
        hasher.combine(timeNanoseconds)
        hasher.combine(box.event)
    }

    private final class Box: Sendable {
        let event: EngineEvent
        init(_ event: EngineEvent) { self.event = event }
    }
}
