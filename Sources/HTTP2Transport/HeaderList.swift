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

/// Header lists used on every call, built once in memory that lives for the process, and
/// submitted with NO_COPY flags: the hot path allocates nothing for them.
enum StaticHeaders {
    final class List: @unchecked Sendable {
        let nv: UnsafeMutablePointer<nghttp2_nv>
        let count: Int
        init(_ pairs: [(String, String)]) {
            count = pairs.count
            nv = .allocate(capacity: pairs.count)
            for (i, (name, value)) in pairs.enumerated() {
                let n = Array(name.utf8), v = Array(value.utf8)
                let np = UnsafeMutablePointer<UInt8>.allocate(capacity: max(1, n.count))
                let vp = UnsafeMutablePointer<UInt8>.allocate(capacity: max(1, v.count))
                np.initialize(from: n, count: n.count)
                vp.initialize(from: v, count: v.count)
                nv[i] = nghttp2_nv(name: np, value: vp, namelen: n.count, valuelen: v.count,
                                   flags: UInt8(NGHTTP2_NV_FLAG_NO_COPY_NAME.rawValue | NGHTTP2_NV_FLAG_NO_COPY_VALUE.rawValue))
            }
        }
    }

    static let grpcResponse = List([(":status", "200"), ("content-type", "application/grpc")])
    static let grpcTrailersOK = List([("grpc-status", "0")])
}
