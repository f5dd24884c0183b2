import WireFormat

extension GRPCHealthV1 {
    /// `grpc.health.v1.HealthCheckResponse`. SERVING encodes as the two bytes `08 01`.
    public struct HealthCheckResponse: ProtoMessage {
        public static let protoMessageName = "grpc.health.v1.HealthCheckResponse"
        public var status = ServingStatus.unknown
        public var unknownFields = UnknownFields()

        public init() {}

        public init(status: ServingStatus) { self.status = status }

        public mutating func decodeField(_ tag: WireTag, from d: inout WireDecoder) throws(WireDecodingError) {
            switch tag.fieldNumber {
            case 1: status = try d.decodeEnum(tag)
            default: try d.skipField(tag, into: &unknownFields)
            }
        }

        public func encode(to e: inout WireEncoder) {
            e.encodeEnum(1, status)
            e.appendUnknownFields(unknownFields)
        }

        /// `grpc.health.v1.HealthCheckResponse.ServingStatus`; `serviceUnknown` is used by Watch only.
        public enum ServingStatus: WireEnum {
            case unknown, serving, notServing, serviceUnknown
            /// A value from a newer schema, kept so it survives re-encoding.
            case unrecognized(Int32)

            public init(rawValue: Int32) {
                switch rawValue {
                case 0: self = .unknown
                case 1: self = .serving
                case 2: self = .notServing
                case 3: self = .serviceUnknown
                default: self = .unrecognized(rawValue)
                }
            }

            public var rawValue: Int32 {
                switch self {
                case .unknown: 0
                case .serving: 1
                case .notServing: 2
                case .serviceUnknown: 3
                case .unrecognized(let value): value
                }
            }
        }
    }
}
