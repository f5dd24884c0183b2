import WireFormat

/// A test enum: known values 0...2, everything else kept raw.
enum TestColor: WireEnum {
    case none, red, green
    case unrecognized(Int32)

    init(rawValue: Int32) {
        switch rawValue {
        case 0: self = .none
        case 1: self = .red
        case 2: self = .green
        default: self = .unrecognized(rawValue)
        }
    }

    var rawValue: Int32 {
        switch self {
        case .none: 0
        case .red: 1
        case .green: 2
        case .unrecognized(let value): value
        }
    }
}
