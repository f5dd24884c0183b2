/// Turns the engine's event type into journal rows and back.
///
/// The journal stores events generically (sequence, time, type name, payload version, payload
/// bytes); the codec is the only place that knows the event type. The integration layer provides
/// one for the engine's `Event` enum.
///
/// Threading: `encode` runs on the producer's thread (inside `EventStore.append`), `decode` on the
/// thread reading or replaying, so implementations must be stateless or otherwise Sendable.
public protocol EventCodec: Sendable {
    associatedtype Event: Sendable

    /// Stable name stored with each event (e.g. "OrderAccepted"). Never rename one once written.
    func typeName(of event: Event) -> String
    /// The payload format version `encode` writes for this event's type; stored per row so a
    /// later build can still decode payloads written by an earlier one.
    func payloadVersion(of event: Event) -> Int
    /// The payload bytes for `event`.
    func encode(_ event: Event) throws -> [UInt8]
    /// Rebuilds an event from a stored row.
    func decode(typeName: String, payloadVersion: Int, payload: [UInt8]) throws -> Event
    /// The payload version and bytes in one call, for codecs whose format depends on the value
    /// (one that falls back to an older format). The store uses this; the default combines
    /// `payloadVersion(of:)` and `encode(_:)`.
    func encodePayload(_ event: Event) throws -> (version: Int, bytes: [UInt8])
}

extension EventCodec {
    public func payloadVersion(of event: Event) -> Int { 1 }
    public func encodePayload(_ event: Event) throws -> (version: Int, bytes: [UInt8]) {
        (payloadVersion(of: event), try encode(event))
    }
}
