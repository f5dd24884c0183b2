/// The sessions living on one event loop, so shutdown can reach them. Loop thread only.
final class SessionRegistry {
    var sessions: [ObjectIdentifier: ServerSession] = [:]
}
