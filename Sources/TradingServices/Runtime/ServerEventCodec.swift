import Foundation
import Persistence

/// Journal payloads as canonical JSON (sorted keys), payload version 1.
///
/// JSON keeps the journal readable with the `sqlite3` shell during an incident and lets later builds
/// add fields without a migration; the type name column says which case a row holds.
public struct ServerEventCodec: EventCodec {
    public typealias Event = ServerEvent

    public init() {}

    public func typeName(of event: ServerEvent) -> String { event.typeName }

    public func encode(_ event: ServerEvent) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(event))
    }

    public func decode(typeName: String, payloadVersion: Int, payload: [UInt8]) throws -> ServerEvent {
        guard payloadVersion == 1 else {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription:
                "\(typeName): payload version \(payloadVersion) is newer than this build understands"))
        }
        let event = try JSONDecoder().decode(ServerEvent.self, from: Data(payload))
        guard event.typeName == typeName else {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription:
                "row type \(typeName) holds a \(event.typeName) payload"))
        }
        return event
    }
}
