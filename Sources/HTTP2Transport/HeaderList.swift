import CNGHTTP2

/// A header list built in one contiguous byte buffer, lent to nghttp2 as `nghttp2_nv`s.
/// nghttp2 copies names and values on submit, so the buffer only has to live for the call.
struct HeaderList {
    private var bytes: [UInt8] = []
    private var spans: [(name: Range<Int>, value: Range<Int>)] = []

    init(capacity: Int = 256) { bytes.reserveCapacity(capacity) }

    mutating func add(_ name: String, _ value: String) {
        let n0 = bytes.count
        bytes.append(contentsOf: name.utf8)
        let v0 = bytes.count
        bytes.append(contentsOf: value.utf8)
        spans.append((n0..<v0, v0..<bytes.count))
    }

    var count: Int { spans.count }

    func withNV<R>(_ body: (UnsafePointer<nghttp2_nv>, Int) -> R) -> R {
        bytes.withUnsafeBufferPointer { buf in
            let base = UnsafeMutablePointer(mutating: buf.baseAddress ?? UnsafePointer(bitPattern: 1)!)
            let nvs = spans.map { span in
                nghttp2_nv(name: base + span.name.lowerBound, value: base + span.value.lowerBound,
                           namelen: span.name.count, valuelen: span.value.count,
                           flags: UInt8(NGHTTP2_NV_FLAG_NONE.rawValue))
            }
            return nvs.withUnsafeBufferPointer { body($0.baseAddress!, $0.count) }
        }
    }
}
