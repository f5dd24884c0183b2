import CNGHTTP2

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
