import WireFormat

/// A test message that keeps its string fields in a `WireStringStorage`, like the hot product
/// messages do, with a nested copy of itself so merging and nesting can be exercised.
struct LazyNote: ProtoMessage {
    static let protoMessageName = "test.LazyNote"
    static let stringFieldCount = 2

    var title: String {
        get { _title.string(in: strings) }
        set { _title.set(newValue, in: &strings, fieldCount: Self.stringFieldCount) }
    }
    var body: String {
        get { _body.string(in: strings) }
        set { _body.set(newValue, in: &strings, fieldCount: Self.stringFieldCount) }
    }
    var priority: Int32 = 0
    var child: Child?
    var unknownFields = UnknownFields()

    var strings = WireStringStorage()
    var _title = WireStringField()
    var _body = WireStringField()

    init() {}

    mutating func merge(from d: inout WireDecoder) throws(WireDecodingError) {
        strings.beginDecoding(d)
        defer { strings.endDecoding() }
        while let tag = try d.nextTag() { try decodeField(tag, from: &d) }
    }

    mutating func decodeField(_ tag: WireTag, from d: inout WireDecoder) throws(WireDecodingError) {
        switch tag.fieldNumber {
        case 1: try d.decodeString(tag, into: &_title, storage: &strings, fieldCount: Self.stringFieldCount)
        case 2: try d.decodeString(tag, into: &_body, storage: &strings, fieldCount: Self.stringFieldCount)
        case 3: priority = try d.decodeInt32(tag)
        case 4: try d.decodeMessage(tag, into: &child)
        default: try d.skipField(tag, into: &unknownFields)
        }
    }

    func encode(to e: inout WireEncoder) {
        e.encodeString(1, _title, storage: strings)
        e.encodeString(2, _body, storage: strings)
        e.encodeInt32(3, priority)
        e.encodeMessage(4, child)
        e.appendUnknownFields(unknownFields)
    }

    static func == (lhs: Self, rhs: Self) -> Bool {
        WireStringField.equal(lhs._title, in: lhs.strings, rhs._title, in: rhs.strings)
            && WireStringField.equal(lhs._body, in: lhs.strings, rhs._body, in: rhs.strings)
            && lhs.priority == rhs.priority && lhs.child == rhs.child && lhs.unknownFields == rhs.unknownFields
    }

    /// The nested message: a second lazily kept message type (field 4).
    struct Child: ProtoMessage {
        static let protoMessageName = "test.LazyNote.Child"
        var name: String {
            get { _name.string(in: strings) }
            set { _name.set(newValue, in: &strings, fieldCount: 1) }
        }
        var tag: String {
            get { _tag.string(in: strings) }
            set { _tag.set(newValue, in: &strings, fieldCount: 1) }
        }
        var unknownFields = UnknownFields()
        var strings = WireStringStorage()
        var _name = WireStringField()
        var _tag = WireStringField()

        init() {}

        mutating func merge(from d: inout WireDecoder) throws(WireDecodingError) {
            strings.beginDecoding(d)
            defer { strings.endDecoding() }
            while let tag = try d.nextTag() { try decodeField(tag, from: &d) }
        }

        mutating func decodeField(_ tag: WireTag, from d: inout WireDecoder) throws(WireDecodingError) {
            switch tag.fieldNumber {
            case 1: try d.decodeString(tag, into: &_name, storage: &strings, fieldCount: 2)
            case 2: try d.decodeString(tag, into: &_tag, storage: &strings, fieldCount: 2)
            default: try d.skipField(tag, into: &unknownFields)
            }
        }

        func encode(to e: inout WireEncoder) {
            e.encodeString(1, _name, storage: strings)
            e.encodeString(2, _tag, storage: strings)
            e.appendUnknownFields(unknownFields)
        }

        static func == (lhs: Self, rhs: Self) -> Bool {
            WireStringField.equal(lhs._name, in: lhs.strings, rhs._name, in: rhs.strings)
                && WireStringField.equal(lhs._tag, in: lhs.strings, rhs._tag, in: rhs.strings)
                && lhs.unknownFields == rhs.unknownFields
        }
    }
}

/// The same fields held as plain `String`s: the eager reference the lazy message must match.
struct EagerNote: ProtoMessage {
    static let protoMessageName = "test.EagerNote"
    var title = ""
    var body = ""
    var priority: Int32 = 0
    var unknownFields = UnknownFields()

    init() {}

    mutating func decodeField(_ tag: WireTag, from d: inout WireDecoder) throws(WireDecodingError) {
        switch tag.fieldNumber {
        case 1: title = try d.decodeString(tag)
        case 2: body = try d.decodeString(tag)
        case 3: priority = try d.decodeInt32(tag)
        default: try d.skipField(tag, into: &unknownFields)
        }
    }

    func encode(to e: inout WireEncoder) {
        e.encodeString(1, title)
        e.encodeString(2, body)
        e.encodeInt32(3, priority)
        e.appendUnknownFields(unknownFields)
    }
}

extension ProtoMessage {
    /// Builds a message from its defaults and a closure that sets fields (as TradingProtocol does).
    init(_ build: (inout Self) -> Void) {
        self.init()
        build(&self)
    }
}
