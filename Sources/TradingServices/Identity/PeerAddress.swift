/// The client address without its port, the key for per-address login throttling and the
/// `source` of audit events (a new connection gets a new port; the address is what identifies it).
enum PeerAddress {
    /// `1.2.3.4:5678` -> `1.2.3.4`; `[::1]:5678` -> `::1`; anything else unchanged.
    static func host(of peer: String) -> String {
        if peer.hasPrefix("["), let close = peer.firstIndex(of: "]") {
            return String(peer[peer.index(after: peer.startIndex)..<close])
        }
        if let colon = peer.lastIndex(of: ":"), peer.firstIndex(of: ":") == colon {
            return String(peer[..<colon])
        }
        return peer
    }
}
