/// The protocol layer above a `Connection` (HTTP/2 in this product). Called on the loop thread.
///
/// The connection holds its handler strongly until it closes, then drops it.
public protocol ConnectionHandler: AnyObject {
    /// Transport is ready: the TLS handshake finished with `h2` (or no ALPN), or plaintext connected.
    func connectionDidBecomeActive(_ connection: Connection)
    /// Decrypted bytes; valid only during the call. Several calls may precede one
    /// `connectionDidFinishReading`.
    func connection(_ connection: Connection, didRead bytes: UnsafeRawBufferPointer)
    /// The current read batch is over: a good moment to produce output and `flush`.
    func connectionDidFinishReading(_ connection: Connection)
    /// Everything queued was written: the handler may produce more output.
    func connectionDidDrainOutput(_ connection: Connection)
    /// The connection is closed (`error` nil for an orderly close). No further calls follow.
    func connectionDidClose(_ connection: Connection, error: NetIOError?)
}
